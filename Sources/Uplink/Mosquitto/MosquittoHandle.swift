import CMosquitto
import Glibc

/// The one owner of a libmosquitto client (`struct mosquitto *`), made for MQTT 5 and destroyed with this object.
///
/// It is used on the uplink's own thread only. We never call `mosquitto_loop_start` or `mosquitto_loop_forever`: in
/// 2.0.11 their reconnect thread ends for good on a DNS or TLS error. The uplink polls ``socket`` itself and calls
/// ``read()``, ``write()`` and ``misc()``; libmosquitto's callbacks arrive inside those calls and go to `delegate`.
final class MosquittoHandle {
    /// libmosquitto's handle; only this type and its callback set-up touch it.
    let raw: OpaquePointer
    /// Receives the callbacks; the uplink's loop, which owns this handle.
    weak var delegate: (any MosquittoDelegate)?

    /// A client with `clientID` (the broker replaces it with the certificate's CN anyway), MQTT 5, and `cleanStart`
    /// as given: false keeps the session across connections.
    init(clientID: String, cleanStart: Bool) throws(MosquittoError) {
        guard let raw = libmosquitto.mosquitto_new(clientID, cleanStart, nil) else {
            throw MosquittoError(MOSQ_ERR_NOMEM.rawValue, "mosquitto_new")
        }
        self.raw = raw
        libmosquitto.mosquitto_user_data_set(raw, Unmanaged.passUnretained(self).toOpaque())
        try MosquittoError.check(libmosquitto.mosquitto_int_option(raw, MOSQ_OPT_PROTOCOL_VERSION, MQTT_PROTOCOL_V5),
                                 "mosquitto_int_option(PROTOCOL_VERSION)")
        installCallbacks()
    }

    deinit {
        libmosquitto.mosquitto_destroy(raw)
    }

    /// Mutual TLS: the CA that signed the broker's certificate, and our certificate and key. The broker's name is
    /// checked against its certificate, and only TLS 1.3 is offered.
    func useTLS(caPath: String, certificatePath: String, keyPath: String) throws(MosquittoError) {
        try MosquittoError.check(libmosquitto.mosquitto_tls_set(raw, caPath, nil, certificatePath, keyPath, nil),
                                 "mosquitto_tls_set")
        try MosquittoError.check(libmosquitto.mosquitto_tls_opts_set(raw, 1, "tlsv1.3", nil), "mosquitto_tls_opts_set")
        try MosquittoError.check(libmosquitto.mosquitto_tls_insecure_set(raw, false), "mosquitto_tls_insecure_set")
    }

    /// How many QoS 1 messages may be unacknowledged in each direction (MQTT 5 Receive Maximum).
    func setInflightLimit(_ limit: Int) throws(MosquittoError) {
        let value = Int32(clamping: limit)
        try MosquittoError.check(libmosquitto.mosquitto_int_option(raw, MOSQ_OPT_RECEIVE_MAXIMUM, value),
                                 "mosquitto_int_option")
        try MosquittoError.check(libmosquitto.mosquitto_int_option(raw, MOSQ_OPT_SEND_MAXIMUM, value),
                                 "mosquitto_int_option")
    }

    /// Sets (or replaces) the Last Will the broker publishes if the connection ends without a DISCONNECT. Takes
    /// `properties` over: libmosquitto frees them with the Will.
    func setWill(topic: String, payload: [UInt8], retain: Bool, properties: PropertyList) throws(MosquittoError) {
        let code = payload.withUnsafeBytes { buffer in
            libmosquitto.mosquitto_will_set_v5(raw, topic, Int32(payload.count), buffer.baseAddress, 1, retain,
                                               properties.raw)
        }
        try MosquittoError.check(code, "mosquitto_will_set_v5")
        // On success the Will owns the list: freeing it too would leave the Will's properties dangling.
        properties.handOver()
    }

    /// Starts a connection: name lookup and the TCP connect block this thread; the TLS handshake, CONNECT and
    /// CONNACK then go through ``read()`` and ``write()``.
    func connect(host: String, port: Int, keepAlive: Int, properties: PropertyList) throws(MosquittoError) {
        try MosquittoError.check(
            libmosquitto.mosquitto_connect_bind_v5(raw, host, Int32(port), Int32(keepAlive), nil, properties.raw),
            "mosquitto_connect_bind_v5"
        )
    }

    /// Queues a PUBLISH and returns its message id (which the PUBACK callback names).
    func publish(topic: String, payload: [UInt8], qos: Int32, retain: Bool,
                 properties: PropertyList) throws(MosquittoError) -> Int32 {
        var messageID: Int32 = 0
        let code = payload.withUnsafeBytes { buffer in
            libmosquitto.mosquitto_publish_v5(raw, &messageID, topic, Int32(payload.count), buffer.baseAddress, qos,
                                              retain, properties.raw)
        }
        try MosquittoError.check(code, "mosquitto_publish_v5")
        return messageID
    }

    /// Subscribes to one filter at `qos` with `options` (`MQTT_SUB_OPT_*`); returns the SUBSCRIBE's message id.
    func subscribe(_ filter: String, qos: Int32, options: Int32) throws(MosquittoError) -> Int32 {
        var messageID: Int32 = 0
        try MosquittoError.check(libmosquitto.mosquitto_subscribe_v5(raw, &messageID, filter, qos, options, nil),
                                 "mosquitto_subscribe_v5")
        return messageID
    }

    /// Unsubscribes from one filter.
    func unsubscribe(_ filter: String) throws(MosquittoError) {
        try MosquittoError.check(libmosquitto.mosquitto_unsubscribe_v5(raw, nil, filter, nil),
                                 "mosquitto_unsubscribe_v5")
    }

    /// Sends DISCONNECT with `reasonCode` (0: normal, so the broker discards the Will).
    func disconnect(reasonCode: Int32 = 0) throws(MosquittoError) {
        try MosquittoError.check(libmosquitto.mosquitto_disconnect_v5(raw, reasonCode, nil), "mosquitto_disconnect_v5")
    }

    /// The connection's socket, or nil while there is none.
    var socket: Int32? {
        let descriptor = libmosquitto.mosquitto_socket(raw)
        return descriptor < 0 ? nil : descriptor
    }

    /// Whether libmosquitto has bytes waiting to be written (so poll for POLLOUT).
    var wantsWrite: Bool { libmosquitto.mosquitto_want_write(raw) }

    /// Reads what the socket holds (all of a TLS record's pending data) and handles the packets.
    func read() throws(MosquittoError) {
        try MosquittoError.check(libmosquitto.mosquitto_loop_read(raw, 1), "mosquitto_loop_read")
    }

    /// Writes what is queued.
    func write() throws(MosquittoError) {
        try MosquittoError.check(libmosquitto.mosquitto_loop_write(raw, 1), "mosquitto_loop_write")
    }

    /// Keep-alive (PINGREQ when due, a missing PINGRESP ends the connection) and retries.
    func misc() throws(MosquittoError) {
        try MosquittoError.check(libmosquitto.mosquitto_loop_misc(raw), "mosquitto_loop_misc")
    }
}
