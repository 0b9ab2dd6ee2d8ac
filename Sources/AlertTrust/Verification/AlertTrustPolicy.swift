import BroadcastModel
import ControlProtocol
import Foundation

/// A site's rules for signed alerts, with the defaults of issue 14. The daemon fills it from its configuration.
public struct AlertTrustPolicy: Sendable, Hashable {
    /// Envelopes larger than this are refused before they are parsed. A two-signature envelope with P-256
    /// certificates is about 3 KiB; 64 KiB is the control protocol's limit for anything but media.
    public var maximumEnvelopeBytes = 65_536
    /// The most signatures one envelope may carry.
    public var maximumSignatures = 4
    /// How old the newest signature may be (the `iat` window's past side).
    public var maximumSignatureAge: TimeInterval = 600
    /// How far ahead of the site's clock the newest signature may be (the window's future side).
    public var maximumClockAhead: TimeInterval = 120
    /// The longest lifetime (`expires` − `sent`) an alert may have; it also bounds how long a tombstone must be kept.
    public var maximumLifetime: TimeInterval = 7 * 86_400
    /// The least ACL role each signer needs, by level.
    public var minimumRoles: [Site.AlertLevel: Role] = [.priority: .operator, .emergency: .provincial]
    /// How many distinct people must sign an alert or update, by level and status; anything not listed needs one.
    /// Two or more means a drafter and at least one approver who is someone else.
    public var requiredPeople: [Site.AlertLevel: [BroadcastStatus: Int]] = [.emergency: [.actual: 2]]
    /// How many people must sign a cancel, whatever its level: one, so a correction is never slower than the alert.
    public var cancelPeople = 1
    /// How long a draft may wait for its approval; `communecast alert approve` refuses an older draft. The site
    /// itself only looks at the newest signature (``maximumSignatureAge``).
    public var draftLifetime: TimeInterval = 3_600

    /// The defaults.
    public init() {}

    /// The number of distinct people a message of this kind needs.
    public func people(for messageType: AlertMessageType, level: Site.AlertLevel, status: BroadcastStatus) -> Int {
        if messageType == .cancel { return cancelPeople }
        return requiredPeople[level]?[status] ?? 1
    }

    /// When a draft signed at `drafted` stops being approvable: after ``draftLifetime``, and never past the alert's
    /// own expiry.
    public func draftExpiry(drafted: Date, payload: AlertPayload) -> Date {
        min(drafted.addingTimeInterval(draftLifetime), payload.expires)
    }

    /// The least role every signer of a message at `level` needs.
    public func minimumRole(for level: Site.AlertLevel) -> Role {
        minimumRoles[level] ?? .admin
    }
}
