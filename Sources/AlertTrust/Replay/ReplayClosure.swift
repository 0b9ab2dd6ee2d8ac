import ControlProtocol
import Foundation

/// The message that closed an alert: an update that replaced it or a cancel that withdrew it, with what the replay
/// logic needs to order it against later arrivals.
public struct ReplayClosure: Sendable, Hashable {
    /// The closing message's id (same issuer).
    public var id: String
    /// Update or cancel.
    public var messageType: AlertMessageType
    /// When the closing message was sent; the newer word wins.
    public var sent: Date
    /// The role it was issued with; a tombstone only holds back alerts issued with at most this role.
    public var authority: Role

    /// Creates a closure from parts.
    public init(id: String, messageType: AlertMessageType, sent: Date, authority: Role) {
        self.id = id
        self.messageType = messageType
        self.sent = sent
        self.authority = authority
    }

    /// Whether this closure is a newer word than `candidate`: sent later, or in the same second with the greater id,
    /// so every site settles on the same message whatever order they arrive in.
    public func isNewer(than candidate: ReplayCandidate) -> Bool {
        sent != candidate.sent ? sent > candidate.sent : id > candidate.key.id
    }
}
