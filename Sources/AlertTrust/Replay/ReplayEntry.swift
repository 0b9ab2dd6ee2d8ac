import ControlProtocol
import Foundation

/// One row of the replay store, keyed by (issuer, id): the payload's hash once the message has arrived, and what
/// closed it, if anything did. A row with no hash is a tombstone: an update or cancel named the id before the
/// message itself arrived.
public struct ReplayEntry: Sendable, Hashable {
    /// Where the message is in its life, for listings and logs.
    public enum State: String, Sendable, Hashable {
        /// Received, and nothing has replaced or withdrawn it.
        case open
        /// Received, then replaced by an update or withdrawn by a cancel.
        case closed
        /// Named by an update or cancel, never received: if it comes, it never airs.
        case tombstone
    }

    /// Issuer and id.
    public var key: AlertKey
    /// SHA-256 of the payload bytes, hex; `nil` for a tombstone.
    public var payloadHash: String?
    /// Alert, update or cancel; `nil` for a tombstone.
    public var messageType: AlertMessageType?
    /// When it was sent; `nil` for a tombstone.
    public var sent: Date?
    /// The role it was issued with; `nil` for a tombstone.
    public var authority: Role?
    /// The message that replaced or withdrew it.
    public var closedBy: ReplayClosure?
    /// The row may be deleted after this instant (well past the message's expiry).
    public var keepUntil: Date

    /// Creates an entry from parts, as a store reads it back.
    public init(
        key: AlertKey, payloadHash: String?, messageType: AlertMessageType?, sent: Date?, authority: Role?,
        closedBy: ReplayClosure?, keepUntil: Date
    ) {
        self.key = key
        self.payloadHash = payloadHash
        self.messageType = messageType
        self.sent = sent
        self.authority = authority
        self.closedBy = closedBy
        self.keepUntil = keepUntil
    }

    /// The entry's state.
    public var state: State {
        if payloadHash == nil { return .tombstone }
        return closedBy == nil ? .open : .closed
    }

    /// Records the arrival of `candidate` under this key (a new row, or a tombstone's message coming in).
    mutating func record(_ candidate: ReplayCandidate, keepUntil: Date) {
        payloadHash = candidate.payloadHash
        messageType = candidate.messageType
        sent = candidate.sent
        authority = candidate.authority
        self.keepUntil = max(self.keepUntil, keepUntil)
    }
}
