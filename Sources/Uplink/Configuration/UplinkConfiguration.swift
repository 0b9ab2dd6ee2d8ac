/// Everything an ``UplinkClient`` needs: where the brokers are, who we are, and the limits (docs/call-home.md).
/// The defaults are a site's: a persistent session kept for days, keep-alive 60 s, reconnect with full jitter.
public struct UplinkConfiguration: Sendable {
    /// The brokers in order of preference; the client fails over to the next when one cannot be reached.
    public var brokers: [BrokerEndpoint]
    /// The client id we ask for; with `use_username_as_clientid` the broker uses our certificate's CN instead.
    public var clientID: String
    /// Our certificate, key and the CA of the brokers' certificates.
    public var credentials: UplinkCredentials
    /// The MQTT keep-alive: a silent broker is declared lost after 1.5 times this.
    public var keepAlive: Duration = .seconds(60)
    /// False (a site): the broker keeps our subscriptions and queues QoS 1 messages while we are away.
    public var cleanStart = false
    /// How long the broker keeps our session after we disconnect (MQTT 5 Session Expiry Interval).
    public var sessionExpiry: Duration = .seconds(7 * 86_400)
    /// The largest packet we accept from the broker (MQTT 5 Maximum Packet Size); larger ones it must not send us.
    public var maximumPacketSize = 81_920
    /// The most messages we keep waiting to be sent or acknowledged; ``UplinkClient/publish(_:within:)`` refuses
    /// beyond it (``UplinkError/queueFull(limit:)``). What must survive a restart goes through the store instead.
    public var maximumQueued = 256
    /// QoS 1 messages in flight at once, each way.
    public var inflightLimit = 20
    /// Seconds to wait for a CONNACK after the TCP connection is up (TLS handshake included).
    public var connectTimeout: Duration = .seconds(30)
    /// How long after a failure the next attempt comes.
    public var reconnect = ReconnectPolicy()
    /// Our status topic and Will, for a site; nil for the office's short-lived clients.
    public var presence: UplinkPresence?
    /// How many received messages are remembered to drop redeliveries (0: deliver everything).
    public var deduplicationCapacity = 10_000
    /// How long a received message is remembered: the longest an alert may live (7 days) and a day more.
    public var deduplicationLifetime: Duration = .seconds(8 * 86_400)
    /// The loop thread's name (at most 15 bytes are kept by Linux), so it can be found in /proc and in `top -H`.
    public var threadName = "cc-uplink"

    /// A configuration with the defaults for everything but the brokers, our id and our credentials.
    public init(brokers: [BrokerEndpoint], clientID: String, credentials: UplinkCredentials) {
        self.brokers = brokers
        self.clientID = clientID
        self.credentials = credentials
    }
}
