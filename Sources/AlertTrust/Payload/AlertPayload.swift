import BroadcastModel
import ControlProtocol
import Foundation

/// What the province says, signed by every signer of the envelope: one alert, update or cancel.
///
/// Levels and statuses are the control protocol's own (`Site.AlertLevel`, `BroadcastStatus`), so a verified
/// alert maps onto the site's alert model without translation.
public struct AlertPayload: Sendable, Hashable {
    /// The payload format this program writes and reads.
    public static let currentVersion = 1
    /// The longest issuer or id accepted, in bytes.
    public static let maximumNameLength = 128
    /// The most references one message may carry.
    public static let maximumReferences = 32

    /// The payload format's version.
    public var version: Int
    /// Who issues the alert (the province); with ``id`` it names the alert for replay protection.
    public var issuer: String
    /// The alert's id, unique for its issuer.
    public var id: String
    /// When the drafter wrote it.
    public var sent: Date
    /// After this instant it never airs, and the site refuses it.
    public var expires: Date
    /// The sites it is meant for.
    public var audience: AlertAudience
    /// Alert, update or cancel.
    public var messageType: AlertMessageType
    /// The ids (same issuer) an update replaces or a cancel withdraws; empty for an alert.
    public var references: [String]
    /// Actual, exercise or test.
    public var status: BroadcastStatus
    /// Priority or emergency.
    public var level: Site.AlertLevel
    /// How many times it airs in all.
    public var repeatCount: Int
    /// Seconds between airings.
    public var intervalSeconds: Int
    /// What it airs.
    public var content: AlertContent

    /// Creates a payload from parts; times are truncated to whole seconds, as they are written.
    public init(
        issuer: String, id: String, sent: Date, expires: Date, audience: AlertAudience,
        messageType: AlertMessageType = .alert, references: [String] = [], status: BroadcastStatus = .actual,
        level: Site.AlertLevel = .emergency, repeatCount: Int = 1, intervalSeconds: Int = 0, content: AlertContent
    ) {
        self.version = Self.currentVersion
        self.issuer = issuer
        self.id = id
        self.sent = Date(timeIntervalSince1970: sent.timeIntervalSince1970.rounded(.down))
        self.expires = Date(timeIntervalSince1970: expires.timeIntervalSince1970.rounded(.down))
        self.audience = audience
        self.messageType = messageType
        self.references = references
        self.status = status
        self.level = level
        self.repeatCount = repeatCount
        self.intervalSeconds = intervalSeconds
        self.content = content
    }

    /// The replay store's key for this message.
    public var key: AlertKey { AlertKey(issuer: issuer, id: id) }

    /// The keys of the messages it references.
    public var referencedKeys: [AlertKey] { references.map { AlertKey(issuer: issuer, id: $0) } }
}
