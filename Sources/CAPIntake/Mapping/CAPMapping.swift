import AlertTrust
import BroadcastModel
import ControlProtocol
import Crypto
import Foundation

/// The mapping chosen for one CAP message: what to do with it, every rule that fired (the draft shows them), and,
/// for a draft, the alert it becomes.
public struct CAPMapping: Sendable {
    /// Draft, hold, log or refuse.
    public var disposition: CAPDisposition = .draft
    /// Each rule that fired, in order, in words: `status Actual → actual`.
    public var rules: [String] = []
    /// Things the operator should check.
    public var warnings: [String] = []
    /// The signed alert's id (from the CAP sender and identifier, so updates and cancels can name it).
    public var payloadID: String
    /// The signed alert's status.
    public var status: BroadcastStatus?
    /// Alert, update or cancel.
    public var messageType: AlertMessageType?
    /// The signed alert ids an update or cancel acts on.
    public var references: [String] = []
    /// The level.
    public var level: Site.AlertLevel?
    /// When it stops airing.
    public var expires: Date?
    /// Who gets it.
    public var audience: AlertAudience?
    /// The info block chosen.
    public var info: CAPInfo?
    /// An audio resource to air, if one qualifies (the CLI fetches, checks and encodes it).
    public var audio: CAPResource?
    /// The text to speak when there is no audio (or it fails).
    public var text: String?
    /// Stored media (SHA-256) a person chose.
    public var media: String?
    /// Whether the text is not Vietnamese, so spoken text needs a person (a fallback to text then holds).
    public var textNeedsTranslation = false
    /// How it airs.
    public var airing: CAPPolicy.Airing?
    /// Whether `cap watch` may send it at once.
    public var autoSend = false
    /// Whether `auto_send` allows it but its drafter's signature alone does not complete it (an actual
    /// emergency): `cap watch` drafts it and holds it for a second person's `alert approve`.
    public var awaitsApproval = false

    /// Notes a rule that fired.
    mutating func fire(_ rule: String) { rules.append(rule) }

    /// The signed alert's id for the CAP message `key`: `cap:SENDER,IDENTIFIER` (neither may hold a comma), or
    /// `cap:` and a SHA-256 when that is longer than a payload id may be.
    public static func payloadID(for key: CAPMessageKey) -> String {
        let plain = "cap:\(key.sender),\(key.identifier)"
        guard plain.utf8.count > AlertPayload.maximumNameLength else { return plain }
        return "cap:" + SHA256.hash(data: Array(plain.utf8)).prefix(20).map { String(format: "%02x", $0) }.joined()
    }

    /// The payload of the signed alert, from `issuer`, with `content`; nil unless the message is to be drafted.
    public func payload(issuer: String, source: AlertSource, sent: Date, content: AlertContent) -> AlertPayload? {
        guard case .draft = disposition, let status, let messageType, let level, let expires, let audience,
              let airing else { return nil }
        return AlertPayload(
            issuer: issuer, id: payloadID, sent: sent, expires: expires, audience: audience,
            messageType: messageType, references: references, status: status, level: level,
            repeatCount: airing.repeatCount, intervalSeconds: airing.intervalSeconds, content: content,
            source: source
        )
    }
}
