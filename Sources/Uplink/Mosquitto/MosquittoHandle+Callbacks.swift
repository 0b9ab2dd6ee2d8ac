import CMosquitto

extension MosquittoHandle {
    /// The handle whose user data pointer libmosquitto passed back to a callback.
    private static func from(_ userData: UnsafeMutableRawPointer?) -> MosquittoHandle? {
        guard let userData else { return nil }
        return Unmanaged<MosquittoHandle>.fromOpaque(userData).takeUnretainedValue()
    }

    /// Routes every libmosquitto callback to `delegate`. C callbacks cannot capture, so each finds the handle through
    /// the user data pointer set in `init`.
    func installCallbacks() {
        libmosquitto.mosquitto_connect_v5_callback_set(raw) { _, userData, reasonCode, flags, properties in
            MosquittoHandle.from(userData)?.delegate?.mosquittoConnected(
                reasonCode: reasonCode, sessionPresent: flags & 1 != 0, properties: PropertyView(raw: properties)
            )
        }
        libmosquitto.mosquitto_disconnect_v5_callback_set(raw) { _, userData, reasonCode, properties in
            MosquittoHandle.from(userData)?.delegate?.mosquittoDisconnected(
                reasonCode: reasonCode, properties: PropertyView(raw: properties)
            )
        }
        libmosquitto.mosquitto_publish_v5_callback_set(raw) { _, userData, messageID, reasonCode, _ in
            MosquittoHandle.from(userData)?.delegate?.mosquittoPublished(messageID: messageID, reasonCode: reasonCode)
        }
        libmosquitto.mosquitto_message_v5_callback_set(raw) { _, userData, message, properties in
            guard let message else { return }
            MosquittoHandle.from(userData)?.delegate?.mosquittoReceived(
                message, properties: PropertyView(raw: properties)
            )
        }
        libmosquitto.mosquitto_subscribe_v5_callback_set(raw) { _, userData, messageID, count, granted, _ in
            let codes = granted.map { Array(UnsafeBufferPointer(start: $0, count: Int(count))) } ?? []
            MosquittoHandle.from(userData)?.delegate?.mosquittoSubscribed(messageID: messageID, granted: codes)
        }
        libmosquitto.mosquitto_log_callback_set(raw) { _, userData, level, line in
            guard let line else { return }
            MosquittoHandle.from(userData)?.delegate?.mosquittoLogged(level: level, String(cString: line))
        }
    }
}
