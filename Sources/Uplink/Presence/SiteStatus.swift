import Foundation

/// The retained message on a site's status topic (docs/call-home.md, "Status"):
/// `{"broker":"mqtts://…","session":42,"state":"online","at":"…"}` after every CONNACK, the Will's
/// `{"session":42,"state":"offline"}` when the connection died, and `{"reason":"stopped",…}` on a clean stop.
public struct SiteStatus: Sendable, Equatable, Codable {
    /// Online or offline.
    public enum State: String, Sendable, Codable {
        /// Connected now.
        case online
        /// Not connected: the Will (connection lost) or a clean stop.
        case offline
    }

    /// Online or offline.
    public var state: State
    /// The connection's number: a later number is newer news.
    public var session: Int
    /// The broker the site is connected to (online only).
    public var broker: String?
    /// When the site said so (absent from the Will, which the broker publishes later).
    public var at: Date?
    /// Why it went offline when it said so itself: `stopped`.
    public var reason: String?

    /// A status.
    public init(state: State, session: Int, broker: String? = nil, at: Date? = nil, reason: String? = nil) {
        self.state = state
        self.session = session
        self.broker = broker
        self.at = at
        self.reason = reason
    }

    /// The JSON payload.
    public var payload: [UInt8] { UplinkJSON.encode(self) }

    /// Reads a status payload.
    public init(payload: [UInt8]) throws {
        self = try UplinkJSON.decode(SiteStatus.self, from: payload)
    }
}
