import Foundation

/// What the office has done with each CAP message, kept by `cap watch` (and `cap draft --ledger`) in a JSON file so
/// a message is handled once, and so order makes sense of updates and cancels that arrive before what they act on:
/// a message some handled message already superseded or cancelled is logged, never aired; a second message with a
/// known identifier but other content is refused as equivocation.
public struct CAPLedger: Sendable, Codable {
    /// One handled message.
    public struct Entry: Sendable, Codable, Hashable {
        /// Its sender and identifier.
        public var key: CAPMessageKey
        /// Its `sent`, as written.
        public var sent: String
        /// The SHA-256 of its bytes.
        public var sha256: String
        /// Its CAP `msgType`.
        public var messageType: String
        /// The messages it references.
        public var references: [CAPMessageKey]
        /// What was done: `draft`, `hold`, `log` or `refuse`.
        public var disposition: String
        /// The signed alert's id, when drafted.
        public var payloadID: String?
        /// The level drafted at.
        public var level: String?
        /// The sites drafted for.
        public var sites: [String]
        /// The drafted alert's expiry.
        public var expires: Date?
        /// When it was handled.
        public var handled: Date

        /// Creates an entry.
        public init(key: CAPMessageKey, sent: String, sha256: String, messageType: String, references: [CAPMessageKey],
                    disposition: String, payloadID: String? = nil, level: String? = nil, sites: [String] = [],
                    expires: Date? = nil, handled: Date) {
            self.key = key
            self.sent = sent
            self.sha256 = sha256
            self.messageType = messageType
            self.references = references
            self.disposition = disposition
            self.payloadID = payloadID
            self.level = level
            self.sites = sites
            self.expires = expires
            self.handled = handled
        }
    }

    /// Every handled message, oldest first.
    public private(set) var entries: [Entry] = []

    /// An empty ledger.
    public init() {}

    /// The entry for `key`.
    public func entry(_ key: CAPMessageKey) -> Entry? {
        entries.first { $0.key == key }
    }

    /// The handled messages that reference `key`.
    public func referrers(of key: CAPMessageKey) -> [Entry] {
        entries.filter { $0.references.contains(key) }
    }

    /// Records `entry`, replacing an earlier one for the same message (a held message a person then drafted).
    public mutating func record(_ entry: Entry) {
        entries.removeAll { $0.key == entry.key }
        entries.append(entry)
    }

    /// The ledger in `path`; an absent file is an empty ledger.
    public static func load(path: String) throws -> CAPLedger {
        guard FileManager.default.fileExists(atPath: path) else { return CAPLedger() }
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(CAPLedger.self, from: data)
    }

    /// Writes the ledger to `path` atomically (a temporary file renamed over it).
    public func save(path: String) throws {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try encoder.encode(self).write(to: URL(fileURLWithPath: path), options: .atomic)
    }
}
