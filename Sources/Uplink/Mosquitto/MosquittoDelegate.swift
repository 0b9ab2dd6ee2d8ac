import CMosquitto

/// Receives a ``MosquittoHandle``'s callbacks. They run on the uplink's thread, inside the handle's `connect`,
/// `read`, `write` and `misc` calls, so the receiver needs no locking of its own.
protocol MosquittoDelegate: AnyObject {
    /// A CONNACK arrived: `reasonCode` 0 means accepted.
    func mosquittoConnected(reasonCode: Int32, sessionPresent: Bool, properties: PropertyView)
    /// The connection ended: `reasonCode` is 0 after our own DISCONNECT, a `MOSQ_ERR_*` code otherwise.
    func mosquittoDisconnected(reasonCode: Int32, properties: PropertyView)
    /// A QoS 1 publish was acknowledged (PUBACK) with `reasonCode`, or a QoS 0 publish was written.
    func mosquittoPublished(messageID: Int32, reasonCode: Int32)
    /// A message arrived.
    func mosquittoReceived(_ message: UnsafePointer<mosquitto_message>, properties: PropertyView)
    /// A SUBACK arrived, with one granted QoS or reason code per filter.
    func mosquittoSubscribed(messageID: Int32, granted: [Int32])
    /// libmosquitto logged a line (`MOSQ_LOG_*` level).
    func mosquittoLogged(level: Int32, _ line: String)
}
