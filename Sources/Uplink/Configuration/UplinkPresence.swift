/// A site's presence on the broker: its retained status topic, set `online` after every CONNACK and `offline` by the
/// Last Will when the connection dies, each with the connection's session number (docs/call-home.md, "Status").
public struct UplinkPresence: Sendable, Equatable {
    /// The retained status topic (`cc/v1/site/SITE/status`).
    public var statusTopic: String
    /// How long the broker waits after a lost connection before publishing the Will, so a quick reconnect does not
    /// show the site offline (MQTT 5 Will Delay Interval).
    public var willDelay: Duration
    /// Where the site may publish replies: a command's Response Topic must start with this (ours, by the ACL).
    public var replyPrefix: String

    /// Presence for `site` under `scheme`, with the Will published `willDelay` after a lost connection.
    public init(site: SiteName, scheme: TopicScheme = TopicScheme(), willDelay: Duration = .seconds(60)) {
        statusTopic = scheme.status(site: site)
        replyPrefix = scheme.replyPrefix(site: site)
        self.willDelay = willDelay
    }
}
