import ControlProtocol
import Foundation

/// What the replay logic needs to know about a verified message.
public struct ReplayCandidate: Sendable, Hashable {
    /// Issuer and id.
    public var key: AlertKey
    /// SHA-256 of the payload bytes, hex.
    public var payloadHash: String
    /// Alert, update or cancel.
    public var messageType: AlertMessageType
    /// The messages it acts on.
    public var references: [AlertKey]
    /// When it was sent.
    public var sent: Date
    /// When it expires.
    public var expires: Date
    /// The role it was issued with (``VerifiedAlert/authority``).
    public var authority: Role

    /// Creates a candidate from parts.
    public init(
        key: AlertKey, payloadHash: String, messageType: AlertMessageType, references: [AlertKey] = [], sent: Date,
        expires: Date, authority: Role
    ) {
        self.key = key
        self.payloadHash = payloadHash
        self.messageType = messageType
        self.references = references
        self.sent = sent
        self.expires = expires
        self.authority = authority
    }

    /// The candidate for a verified alert.
    public init(_ alert: VerifiedAlert) {
        self.init(
            key: alert.key, payloadHash: alert.fingerprint.hex, messageType: alert.payload.messageType,
            references: alert.payload.referencedKeys, sent: alert.payload.sent, expires: alert.payload.expires,
            authority: alert.authority
        )
    }

    /// This message as the closure of the messages it references.
    var closure: ReplayClosure {
        ReplayClosure(id: key.id, messageType: messageType, sent: sent, authority: authority)
    }
}
