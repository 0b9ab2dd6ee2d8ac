import CMosquitto
import Foundation
import Logging

extension UplinkLoop: MosquittoDelegate {
    /// CONNACK: on success, say online, subscribe again and report; on a refusal, remember why (the read that
    /// delivered it then fails, and the loop reports the attempt).
    func mosquittoConnected(reasonCode: Int32, sessionPresent: Bool, properties: PropertyView) {
        guard reasonCode == 0 else {
            endingCause = .refused(reasonCode: reasonCode, reason: MosquittoLibrary.reason(reasonCode))
            return
        }
        phase = .connected
        schedule.connected(at: clock.now())
        setState(.connected(broker, session: session))
        logger.info("connected to the broker", metadata: [
            "broker": "\(broker)", "session": "\(session)", "session_present": "\(sessionPresent)",
        ])
        if let presence = configuration.presence {
            let online = OutgoingMessage(
                topic: presence.statusTopic,
                payload: SiteStatus(state: .online, session: session, broker: broker.description, at: Date()).payload,
                retain: true, contentType: "application/json"
            )
            if let id = try? publishNow(online) { inflight[id] = .status }
        }
        for filter in subscriptions { subscribe(filter) }
        outboxDirty = true
        events.yield(.connected(broker: broker, session: session, sessionPresent: sessionPresent))
    }

    /// The connection ended; a DISCONNECT from the broker carries a reason worth reporting.
    func mosquittoDisconnected(reasonCode: Int32, properties: PropertyView) {
        guard endingCause == nil, isConnected, reasonCode > 0, reasonCode < 256,
              reasonCode >= MQTT_RC_UNSPECIFIED.rawValue || reasonCode == MQTT_RC_NORMAL_DISCONNECTION.rawValue
        else { return }
        endingCause = .disconnectedByBroker(
            reasonCode: reasonCode, reason: MosquittoLibrary.reason(reasonCode)
        )
    }

    /// A PUBACK (or a QoS 0 publish written): resolve whatever was waiting for it.
    func mosquittoPublished(messageID: Int32, reasonCode: Int32) {
        guard let entry = inflight.removeValue(forKey: messageID) else { return }
        let refused = reasonCode >= MQTT_RC_UNSPECIFIED.rawValue
        let reason = MosquittoLibrary.reason(reasonCode)
        switch entry {
        case .request(let pending):
            resolve(pending, refused ? .failure(.refusedByBroker(reasonCode: reasonCode, reason: reason))
                : .success(PublishReceipt(id: pending.message.id, reasonCode: reasonCode, broker: broker)))
        case .outbox(let key):
            if refused {
                logger.error("the broker refused an outbox message; dropping it", metadata: [
                    "outbox.key": "\(key)", "reason": "\(reason)", "code": "\(reasonCode)",
                ])
            }
            outboxInflight[key] = nil
            outboxDirty = true
            do {
                try store?.remove(key: key)
            } catch {
                logger.error("the uplink store cannot remove an outbox message", metadata: ["error": "\(error)"])
            }
        case .status:
            if refused {
                logger.error("the broker refused our status", metadata: [
                    "reason": "\(reason)", "code": "\(reasonCode)",
                ])
            }
        }
    }

    /// A message: keep the first delivery, drop the copies.
    func mosquittoReceived(_ raw: UnsafePointer<mosquitto_message>, properties: PropertyView) {
        let message = raw.pointee
        let payload = message.payload.map { Array(UnsafeRawBufferPointer(start: $0, count: Int(message.payloadlen))) }
        let delivered = UplinkMessage(
            topic: message.topic.map { String(cString: $0) } ?? "",
            payload: payload ?? [],
            qos: message.qos == 0 ? .atMostOnce : .atLeastOnce,
            retained: message.retain,
            expiry: properties.int32(MQTT_PROP_MESSAGE_EXPIRY_INTERVAL).map { .seconds(Int64($0)) },
            responseTopic: properties.string(MQTT_PROP_RESPONSE_TOPIC),
            correlationData: properties.bytes(MQTT_PROP_CORRELATION_DATA),
            contentType: properties.string(MQTT_PROP_CONTENT_TYPE),
            userProperties: properties.userProperties(),
            broker: broker
        )
        let keys = DeliveryKey.keys(delivered)
        let now = clock.now()
        let fresh = deduplicator.admit(keys[0], now: now)
        for key in keys.dropFirst() { _ = deduplicator.admit(key, now: now) }
        guard fresh else {
            logger.trace("dropped a copy", metadata: ["topic": "\(delivered.topic)"])
            return
        }
        events.yield(.message(delivered))
    }

    /// A SUBACK: report the filters the broker refused.
    func mosquittoSubscribed(messageID: Int32, granted: [Int32]) {
        guard let filter = subscribing.removeValue(forKey: messageID) else { return }
        for code in granted where code >= MQTT_RC_UNSPECIFIED.rawValue {
            logger.error("the broker refused a subscription", metadata: ["filter": "\(filter)", "code": "\(code)"])
            events.yield(.subscriptionRefused(filter: filter, reasonCode: code))
        }
    }

    /// libmosquitto's log: kept at debug level, and OpenSSL's errors remembered to explain a failed handshake.
    func mosquittoLogged(level: Int32, _ line: String) {
        if line.hasPrefix("OpenSSL Error") {
            lastTLSError = line.split(separator: ":", maxSplits: 1).last.map {
                $0.trimmingCharacters(in: .whitespaces)
            } ?? line
        }
        logger.trace("libmosquitto: \(line)")
    }
}
