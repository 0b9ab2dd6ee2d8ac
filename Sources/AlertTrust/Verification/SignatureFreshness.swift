/// Which time rule the newest signature must meet, chosen by the caller from how the envelope arrived
/// (docs/call-home.md, "Retained alerts and the signature's freshness window").
public enum SignatureFreshness: Sendable, Equatable, CustomStringConvertible {
    /// The newest signature is at most ``AlertTrustPolicy/maximumSignatureAge`` old: direct pushes (Unix socket,
    /// TLS) and commands over every transport.
    case window
    /// Any age, as long as the alert has not expired: an alert retained on a broker's alert topic, which a site that
    /// was away receives hours after it was signed. Every other check still applies.
    case untilExpiry

    /// The rule's name for the log.
    public var description: String {
        switch self {
        case .window: "window"
        case .untilExpiry: "until_expiry"
        }
    }
}
