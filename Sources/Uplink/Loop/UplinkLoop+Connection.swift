import CMosquitto
import Foundation
import Glibc
import Logging

extension UplinkLoop {
    /// Makes one connection attempt to the broker the schedule names: the Will with a new session number, then
    /// libmosquitto's connect (name lookup and TCP connect block here; TLS and CONNACK follow in the loop).
    func attempt() {
        broker = configuration.brokers[schedule.brokerIndex]
        lastTLSError = nil
        endingCause = nil
        do {
            session = try store?.nextSessionNumber() ?? session + 1
        } catch {
            session += 1
            logger.error("the uplink store cannot give a session number", metadata: ["error": "\(error)"])
        }
        setState(.connecting(broker))
        logger.debug("connecting", metadata: ["broker": "\(broker)", "session": "\(session)"])
        do {
            let handle = try existingHandle()
            if let presence = configuration.presence {
                let will = PropertyList()
                try will.add(MQTT_PROP_WILL_DELAY_INTERVAL, seconds(presence.willDelay))
                try handle.setWill(topic: presence.statusTopic,
                                   payload: SiteStatus(state: .offline, session: session).payload,
                                   retain: true, properties: will)
            }
            let properties = PropertyList()
            try properties.add(MQTT_PROP_SESSION_EXPIRY_INTERVAL,
                               configuration.cleanStart ? 0 : seconds(configuration.sessionExpiry))
            try properties.add(MQTT_PROP_MAXIMUM_PACKET_SIZE, UInt32(clamping: configuration.maximumPacketSize))
            try handle.connect(host: broker.host, port: broker.port,
                               keepAlive: Int(seconds(configuration.keepAlive)), properties: properties)
            phase = .connecting(deadline: clock.now() + configuration.connectTimeout)
        } catch {
            connectionEnded(classify(error))
        }
    }

    /// The handle, made on first use: creating it reads our certificate and key, so a missing file is an attempt
    /// that fails (and is retried), not the end of the uplink.
    private func existingHandle() throws(MosquittoError) -> MosquittoHandle {
        if let handle { return handle }
        let made = try MosquittoHandle(clientID: configuration.clientID, cleanStart: configuration.cleanStart)
        made.delegate = self
        try made.setInflightLimit(configuration.inflightLimit)
        if broker.usesTLS {
            let credentials = configuration.credentials
            for path in [credentials.caPath, credentials.certificatePath, credentials.keyPath]
            where !FileManager.default.isReadableFile(atPath: path) {
                lastTLSError = "cannot read \(path)"
                throw MosquittoError(MOSQ_ERR_TLS.rawValue, "mosquitto_tls_set")
            }
            try made.useTLS(caPath: credentials.caPath, certificatePath: credentials.certificatePath,
                            keyPath: credentials.keyPath)
        }
        handle = made
        return made
    }

    /// The attempt failed or the connection ended: report it and wait as the schedule says.
    func connectionEnded(_ failure: UplinkFailure) {
        let wait: Duration
        if case .connected = phase {
            wait = schedule.connectionLost(at: clock.now())
            logger.warning("connection to the broker lost", metadata: [
                "broker": "\(broker)", "reason": "\(failure)", "retry_in": "\(wait)",
            ])
        } else {
            wait = schedule.attemptFailed()
            logger.warning("cannot connect to the broker", metadata: [
                "broker": "\(broker)", "reason": "\(failure)", "retry_in": "\(wait)",
            ])
        }
        subscribing.removeAll()
        endingCause = nil
        phase = .waiting(until: clock.now() + wait)
        setState(.waiting(next: configuration.brokers[schedule.brokerIndex], after: failure))
        events.yield(.connectionFailed(broker: broker, failure: failure, retryIn: wait))
    }

    /// Turns a libmosquitto error into the cause an operator reads.
    func classify(_ error: any Error) -> UplinkFailure {
        guard let error = error as? MosquittoError else { return .connectionLost(reason: "\(error)") }
        switch error.code {
        case MOSQ_ERR_EAI.rawValue, MOSQ_ERR_LOOKUP.rawValue:
            return .nameNotResolved(host: broker.host)
        case MOSQ_ERR_ERRNO.rawValue where error.systemError == EPROTO:
            // libmosquitto sets EPROTO when OpenSSL fails, whether or not OpenSSL queued a reason.
            return .tls(reason: lastTLSError ?? "a certificate was refused, by the broker or by this site")
        case MOSQ_ERR_ERRNO.rawValue where lastTLSError == nil:
            return .unreachable(reason: error.reason)
        case MOSQ_ERR_TLS.rawValue, MOSQ_ERR_TLS_HANDSHAKE.rawValue:
            return .tls(reason: lastTLSError ?? error.reason)
        default:
            if let lastTLSError, !isConnected { return .tls(reason: lastTLSError) }
            return .connectionLost(reason: error.reason)
        }
    }

    /// Whether CONNACK 0 has arrived on this connection.
    var isConnected: Bool {
        if case .connected = phase { return true }
        return false
    }

    /// Whole seconds of `duration`, for MQTT's 32-bit intervals.
    func seconds(_ duration: Duration) -> UInt32 {
        UInt32(clamping: duration.components.seconds)
    }

    /// Says offline (for a site), disconnects, fails what still waits, and reports the end.
    func shutdown() {
        if isConnected, let handle {
            if let presence = configuration.presence {
                let status = OutgoingMessage(
                    topic: presence.statusTopic,
                    payload: SiteStatus(state: .offline, session: session, at: Date(), reason: "stopped").payload,
                    retain: true, contentType: "application/json"
                )
                if let id = try? publishNow(status) {
                    inflight[id] = .status
                    let deadline = clock.now() + .seconds(3)
                    while inflight[id] != nil, isConnected, clock.now() < deadline {
                        service(until: deadline)
                    }
                }
            }
            try? handle.disconnect()
            let deadline = clock.now() + .seconds(1)
            while handle.socket != nil, handle.wantsWrite, clock.now() < deadline {
                try? handle.write()
            }
        }
        let pending = waiting + inflight.values.compactMap { entry -> PendingPublish? in
            if case .request(let pending) = entry { return pending }
            return nil
        }
        waiting.removeAll()
        inflight.removeAll()
        for item in pending { resolve(item, .failure(.stopped)) }
        handle = nil
        logger.info("uplink stopped")
        let waiters = shared.fields.withLock { fields in
            fields.state = .stopped
            fields.finished = true
            fields.threadID = nil
            defer { fields.finishWaiters.removeAll() }
            return fields.finishWaiters
        }
        events.yield(.stopped)
        events.finish()
        for waiter in waiters { waiter.resume() }
    }
}
