import Foundation
import GRDB

/// One mutating control call: who, what, when and the result (DESIGN §5). Written for every such call, whether it
/// succeeded or was refused, so the audit log answers "who pressed what" after an incident.
public struct AuditEntry: Codable, Equatable, Hashable, Sendable, FetchableRecord, MutablePersistableRecord {
    /// The table, named once so that raw SQL and the record agree.
    public static let databaseTableName = "audit"

    /// The longest summary kept, in UTF-8 bytes; longer ones are cut and marked, so a careless caller cannot fill the
    /// disk with a base64 upload.
    public static let maximumSummaryBytes = 1_024
    /// The longest summary kept of a call refused for lack of role (issue 12): whoever sends it may be nobody the
    /// site knows, and only needs to be recognisable.
    public static let refusedSummaryBytes = 256
    /// The longest method name and caller identity kept: a refused call's method is whatever its sender wrote.
    public static let maximumNameBytes = 256

    /// Assigned by the store on append, never reused (AUTOINCREMENT).
    public var id: Int64?
    /// When the call was made.
    public var at: Date
    /// The caller: "uid=1000(alice)" on the Unix socket, "cert:CN=so-tt" over TLS.
    public var identity: String
    /// The role the caller was granted: monitor, operator, provincial or admin.
    public var role: String
    /// The varlink method, e.g. "io.communecast.Site.PushAlert".
    public var method: String
    /// The parameters in short ("id=LU-2025-07 level=emergency"), never the media bytes.
    public var summary: String
    /// "ok", or the name of the error returned.
    public var result: String

    /// Makes an entry; the store assigns `id` on append.
    public init(
        id: Int64? = nil,
        at: Date,
        identity: String,
        role: String,
        method: String,
        summary: String,
        result: String
    ) {
        self.id = id
        self.at = at
        self.identity = identity
        self.role = role
        self.method = method
        self.summary = summary
        self.result = result
    }

    /// Dates are Unix seconds at millisecond resolution (see `StoreTime`).
    public static func databaseDateEncodingStrategy(for column: String) -> DatabaseDateEncodingStrategy {
        StoreTime.encoding
    }

    /// Dates are Unix seconds at millisecond resolution (see `StoreTime`).
    public static func databaseDateDecodingStrategy(for column: String) -> DatabaseDateDecodingStrategy {
        StoreTime.decoding
    }

    /// Takes the rowid SQLite assigned.
    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    /// The entry as the store keeps it: no id yet, date rounded, summary cut to ``maximumSummaryBytes`` and the
    /// other texts to ``maximumNameBytes``.
    func prepared() throws(StoreError) -> AuditEntry {
        guard !method.isEmpty else {
            throw .invalid(what: "audit entry", reason: "the method is empty")
        }
        var entry = self
        entry.id = nil
        entry.at = StoreTime.rounded(at)
        entry.summary = Self.cut(summary, toBytes: Self.maximumSummaryBytes)
        entry.method = Self.cut(method, toBytes: Self.maximumNameBytes)
        entry.identity = Self.cut(identity, toBytes: Self.maximumNameBytes)
        entry.role = Self.cut(role, toBytes: Self.maximumNameBytes)
        entry.result = Self.cut(result, toBytes: Self.maximumNameBytes)
        return entry
    }

    /// `text` if it fits in `limit` UTF-8 bytes; otherwise as much of it as fits whole characters, then a marker
    /// saying how long it was (the marker comes on top of the limit).
    public static func cut(_ text: String, toBytes limit: Int) -> String {
        guard text.utf8.count > limit else { return text }
        var kept = Substring.UnicodeScalarView()
        var bytes = 0
        for scalar in text.unicodeScalars {
            bytes += scalar.utf8.count
            if bytes > limit { break }
            kept.append(scalar)
        }
        return String(kept) + "…(cut, \(text.utf8.count) bytes)"
    }
}
