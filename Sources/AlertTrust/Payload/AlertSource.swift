/// The CAP message an alert was drafted from (issue 17): signed inside the payload, so every site's as-run log can
/// name the warning that made its loudspeakers speak, and an approver sees which warning they vouch for.
public struct AlertSource: Sendable, Hashable {
    /// The CAP `sender`.
    public var sender: String
    /// The CAP `identifier`.
    public var identifier: String
    /// The CAP `sent`, exactly as the message wrote it (with its offset).
    public var sent: String
    /// The SHA-256 of the CAP message's bytes, 64 lowercase hex digits: the file the office received.
    public var sha256: String

    /// The longest sender, identifier or sent accepted, in bytes.
    public static let maximumFieldLength = 256

    /// Creates a source from parts.
    public init(sender: String, identifier: String, sent: String, sha256: String) {
        self.sender = sender
        self.identifier = identifier
        self.sent = sent
        self.sha256 = sha256
    }

    /// The CAP message named as CAP's own `references` name one, `sender,identifier,sent`: what a site keeps in its
    /// as-run log so an airing can be traced to the warning that caused it.
    public var reference: String { "\(sender),\(identifier),\(sent)" }

    /// Whether `text` may be a sender, identifier or sent: 1 to 256 bytes, no control characters.
    static func isField(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.count <= maximumFieldLength && !text.unicodeScalars.contains {
            $0.properties.generalCategory == .control
        }
    }
}
