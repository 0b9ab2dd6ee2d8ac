import CMosquitto
import Logging

extension UplinkLoop {
    /// Hands the waiting publishes to libmosquitto, in order, up to the in-flight limit.
    func publishWaiting() {
        while !waiting.isEmpty, isConnected, inflight.count < configuration.inflightLimit {
            let pending = waiting.removeFirst()
            do {
                let id = try publishNow(pending.message)
                if pending.message.qos == .atMostOnce {
                    resolve(pending, .success(PublishReceipt(id: pending.message.id, reasonCode: 0, broker: broker)))
                } else {
                    inflight[id] = .request(pending)
                }
            } catch let error where error.code == MOSQ_ERR_NO_CONN.rawValue {
                waiting.insert(pending, at: 0)
                return
            } catch {
                resolve(pending, .failure(refusal(error, payloadBytes: pending.message.payload.count)))
            }
        }
    }

    /// Publishes the oldest outbox entries not yet in flight.
    func drainOutbox() {
        guard let store, outboxDirty, isConnected else { return }
        let room = configuration.inflightLimit - outboxInflight.count
        guard room > 0 else { return }
        let entries: [OutboxEntry]
        do {
            entries = try store.pending(limit: room + outboxInflight.count).filter { outboxInflight[$0.key] == nil }
        } catch {
            logger.error("the uplink store cannot list its outbox", metadata: ["error": "\(error)"])
            return
        }
        outboxDirty = false
        for entry in entries.prefix(room) {
            do {
                let id = try publishNow(entry.message)
                inflight[id] = .outbox(key: entry.key)
                outboxInflight[entry.key] = clock.now() + configuration.connectTimeout * 4
            } catch let error where error.code == MOSQ_ERR_NO_CONN.rawValue {
                outboxDirty = true
                return
            } catch {
                logger.error("an outbox message cannot be sent; dropping it", metadata: [
                    "outbox.key": "\(entry.key)", "reason": "\(error)",
                ])
                try? store.remove(key: entry.key)
            }
        }
    }

    /// Builds the PUBLISH properties and hands the message to libmosquitto; returns its message id.
    func publishNow(_ message: OutgoingMessage) throws(MosquittoError) -> Int32 {
        guard let handle else { throw MosquittoError(MOSQ_ERR_NO_CONN.rawValue, "mosquitto_publish_v5") }
        let properties = PropertyList()
        if let expiry = message.expiry {
            try properties.add(MQTT_PROP_MESSAGE_EXPIRY_INTERVAL, max(1, seconds(expiry)))
        }
        if let topic = message.responseTopic { try properties.add(MQTT_PROP_RESPONSE_TOPIC, topic) }
        if let data = message.correlationData { try properties.add(MQTT_PROP_CORRELATION_DATA, bytes: data) }
        if let type = message.contentType { try properties.add(MQTT_PROP_CONTENT_TYPE, type) }
        for property in message.userProperties { try properties.addUserProperty(property.name, property.value) }
        return try handle.publish(topic: message.topic, payload: message.payload, qos: message.qos.rawValue,
                                  retain: message.retain, properties: properties)
    }

    /// Why libmosquitto would not take a message.
    func refusal(_ error: MosquittoError, payloadBytes: Int) -> UplinkError {
        switch error.code {
        case MOSQ_ERR_OVERSIZE_PACKET.rawValue, MOSQ_ERR_PAYLOAD_SIZE.rawValue: .tooLarge(bytes: payloadBytes)
        case MOSQ_ERR_MALFORMED_UTF8.rawValue: .invalidTopic(error.reason)
        default: .invalidMessage(error.reason)
        }
    }

    /// Gives `pending` its outcome and takes it off the queue's count.
    func resolve(_ pending: PendingPublish, _ outcome: Result<PublishReceipt, UplinkError>) {
        pending.continuation.resume(returning: outcome)
        shared.resolved()
    }

    /// Fails the publishes whose callers stopped waiting, and lets outbox entries that were never acknowledged go
    /// out again.
    func expireDeadlines() {
        let now = clock.now()
        var kept: [PendingPublish] = []
        for pending in waiting {
            if pending.deadline <= now {
                resolve(pending, .failure(.timedOut(after: pending.patience)))
            } else {
                kept.append(pending)
            }
        }
        waiting = kept
        for (id, entry) in inflight {
            guard case .request(let pending) = entry, pending.deadline <= now else { continue }
            inflight[id] = nil
            resolve(pending, .failure(.timedOut(after: pending.patience)))
        }
        for (key, retryAt) in outboxInflight where retryAt <= now {
            outboxInflight[key] = nil
            outboxDirty = true
        }
    }

    /// The earliest caller deadline, so the loop wakes for it.
    func nextDeadline() -> ContinuousClock.Instant? {
        let inflightDeadlines = inflight.values.compactMap { entry -> ContinuousClock.Instant? in
            if case .request(let pending) = entry { return pending.deadline }
            return nil
        }
        return (waiting.map(\.deadline) + inflightDeadlines).min()
    }

    /// Changes the subscriptions; when connected, at once.
    func replaceSubscriptions(_ filters: [String]) {
        let removed = subscriptions.filter { !filters.contains($0) }
        let added = filters.filter { !subscriptions.contains($0) }
        subscriptions = filters
        guard isConnected, let handle else { return }
        for filter in removed { try? handle.unsubscribe(filter) }
        for filter in added { subscribe(filter) }
    }

    /// Subscribes to `filter` (QoS 1 unless listed at most once; retained messages on every subscribe).
    func subscribe(_ filter: String) {
        do {
            guard let handle else { return }
            let id = try handle.subscribe(filter, qos: atMostOnce.contains(filter) ? 0 : 1, options: 0)
            subscribing[id] = filter
        } catch {
            logger.error("cannot subscribe", metadata: ["filter": "\(filter)", "reason": "\(error)"])
        }
    }
}
