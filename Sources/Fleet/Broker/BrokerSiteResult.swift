import Uplink

/// One site's result of a push through the broker, as the fan-out table reports it.
public struct BrokerSiteResult: Sendable, Equatable {
    /// The site.
    public let site: SiteName
    /// `ok`, `refused`, `offline`, `timed out`, or `error` (the site could not get the alert's media).
    public let kind: SiteResultKind
    /// The site's code and sentence, or why there is no answer.
    public let message: String?
    /// Seconds from the start of the gathering to the site's answer (or to the deadline).
    public let seconds: Double
    /// The site's latest status, if the broker holds one.
    public let status: SiteStatus?
}
