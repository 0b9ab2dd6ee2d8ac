import CMosquitto
import Glibc

/// An MQTT 5 property list we build (CONNECT, Will, PUBLISH), owned here and freed with the list.
final class PropertyList {
    /// The list, or nil while empty; libmosquitto's calls take it as it is.
    private(set) var raw: OpaquePointer?

    /// Starts empty.
    init() {}

    deinit {
        libmosquitto.mosquitto_property_free_all(&raw)
    }

    /// Gives the list to libmosquitto, which frees it itself (`mosquitto_will_set_v5` keeps it on success).
    func handOver() {
        raw = nil
    }

    /// Adds a four-byte integer property (expiry intervals, maximum packet size).
    func add(_ identifier: mqtt5_property, _ value: UInt32) throws(MosquittoError) {
        try MosquittoError.check(libmosquitto.mosquitto_property_add_int32(&raw, Int32(identifier.rawValue), value),
                                 "mosquitto_property_add_int32")
    }

    /// Adds a UTF-8 string property (response topic, content type).
    func add(_ identifier: mqtt5_property, _ value: String) throws(MosquittoError) {
        try MosquittoError.check(libmosquitto.mosquitto_property_add_string(&raw, Int32(identifier.rawValue), value),
                                 "mosquitto_property_add_string")
    }

    /// Adds a binary property (correlation data), at most 65,535 bytes.
    func add(_ identifier: mqtt5_property, bytes: [UInt8]) throws(MosquittoError) {
        guard bytes.count <= Int(UInt16.max) else { throw MosquittoError(MOSQ_ERR_INVAL.rawValue, "correlation data") }
        let code = bytes.withUnsafeBytes { buffer in
            libmosquitto.mosquitto_property_add_binary(&raw, Int32(identifier.rawValue), buffer.baseAddress,
                                                       UInt16(bytes.count))
        }
        try MosquittoError.check(code, "mosquitto_property_add_binary")
    }

    /// Adds a user property (a name and value pair; names may repeat).
    func addUserProperty(_ name: String, _ value: String) throws(MosquittoError) {
        try MosquittoError.check(
            libmosquitto.mosquitto_property_add_string_pair(&raw, Int32(MQTT_PROP_USER_PROPERTY.rawValue), name, value),
            "mosquitto_property_add_string_pair"
        )
    }
}

/// Reads a property list libmosquitto handed to a callback; valid only during that callback.
struct PropertyView {
    /// The list as libmosquitto gave it (nil when the packet had none).
    let raw: OpaquePointer?

    /// A four-byte integer property, if present.
    func int32(_ identifier: mqtt5_property) -> UInt32? {
        var value: UInt32 = 0
        guard libmosquitto.mosquitto_property_read_int32(raw, Int32(identifier.rawValue), &value, false) != nil else {
            return nil
        }
        return value
    }

    /// A string property, if present.
    func string(_ identifier: mqtt5_property) -> String? {
        var value: UnsafeMutablePointer<CChar>?
        guard libmosquitto.mosquitto_property_read_string(raw, Int32(identifier.rawValue), &value, false) != nil,
              let value
        else { return nil }
        defer { free(value) }
        return String(cString: value)
    }

    /// A binary property, if present.
    func bytes(_ identifier: mqtt5_property) -> [UInt8]? {
        var value: UnsafeMutableRawPointer?
        var length: UInt16 = 0
        let property = Int32(identifier.rawValue)
        guard libmosquitto.mosquitto_property_read_binary(raw, property, &value, &length, false) != nil else {
            return nil
        }
        defer { free(value) }
        guard let value else { return [] }
        return Array(UnsafeRawBufferPointer(start: value, count: Int(length)))
    }

    /// Every user property, in the order they came.
    func userProperties() -> [UserProperty] {
        var found: [UserProperty] = []
        var skipFirst = false
        var cursor = raw
        while true {
            var name: UnsafeMutablePointer<CChar>?
            var value: UnsafeMutablePointer<CChar>?
            guard let next = libmosquitto.mosquitto_property_read_string_pair(
                cursor, Int32(MQTT_PROP_USER_PROPERTY.rawValue), &name, &value, skipFirst
            ) else { break }
            if let name, let value {
                found.append(UserProperty(name: String(cString: name), value: String(cString: value)))
            }
            free(name)
            free(value)
            cursor = next
            skipFirst = true
        }
        return found
    }
}
