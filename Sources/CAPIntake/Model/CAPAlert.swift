/// A CAP 1.2 `alert`, as read from a message that passed every check of ``CAPReader``. Optional elements that were
/// empty (`<note />`) read as absent.
public struct CAPAlert: Sendable, Hashable {
    /// Unique for its sender.
    public var identifier: String
    /// Who sent it.
    public var sender: String
    /// When it was sent.
    public var sent: CAPTime
    /// Actual, Exercise, System, Test or Draft.
    public var status: CAPStatus
    /// Alert, Update, Cancel, Ack or Error.
    public var messageType: CAPMessageType
    /// The originator's source, free text.
    public var source: String?
    /// Public, Restricted or Private.
    public var scope: CAPScope
    /// Who may see it, for Restricted.
    public var restriction: String?
    /// The recipients, for Private.
    public var addresses: String?
    /// Special handling codes.
    public var codes: [String]
    /// Free text; for an Error, the reason.
    public var note: String?
    /// The earlier messages an Update, Cancel, Ack or Error acts on.
    public var references: [CAPReference]
    /// Related incidents.
    public var incidents: String?
    /// The information blocks, one per language or event.
    public var infos: [CAPInfo]
    /// How many XML signatures the message carries (verified by ``CAPSignatureVerifier``).
    public var signatureCount: Int

    /// The message's own triple, as another message would reference it.
    public var reference: CAPReference { CAPReference(sender: sender, identifier: identifier, sent: sent) }
}

/// One earlier message named in `references`: `sender,identifier,sent`.
public struct CAPReference: Sendable, Hashable, CustomStringConvertible {
    /// Its sender.
    public var sender: String
    /// Its identifier.
    public var identifier: String
    /// Its `sent`.
    public var sent: CAPTime

    /// Creates a reference from parts.
    public init(sender: String, identifier: String, sent: CAPTime) {
        self.sender = sender
        self.identifier = identifier
        self.sent = sent
    }

    /// `sender,identifier,sent`.
    public var description: String { "\(sender),\(identifier),\(sent.text)" }

    /// The message a reference names, whatever its `sent` (a sender's identifier is unique).
    public var key: CAPMessageKey { CAPMessageKey(sender: sender, identifier: identifier) }
}

/// A message's name for the ledger: its sender and identifier.
public struct CAPMessageKey: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The sender.
    public var sender: String
    /// The identifier.
    public var identifier: String

    /// Creates a key.
    public init(sender: String, identifier: String) {
        self.sender = sender
        self.identifier = identifier
    }

    /// `sender,identifier`.
    public var description: String { "\(sender),\(identifier)" }
}
