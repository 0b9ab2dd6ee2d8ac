import Uplink

/// What the broker keeps for one site: its retained status and health, read without any traffic to the site.
public struct RetainedSite: Sendable, Equatable {
    /// The site's status (online, or offline from its Will or a clean stop), the latest session's.
    public var status: SiteStatus?
    /// The site's health snapshot, as it published it (JSON), if it has not expired.
    public var health: [UInt8]?
    /// The seconds left before the broker drops that health.
    public var healthExpiry: Duration?

    /// An empty record.
    public init(status: SiteStatus? = nil, health: [UInt8]? = nil, healthExpiry: Duration? = nil) {
        self.status = status
        self.health = health
        self.healthExpiry = healthExpiry
    }
}
