import Foundation
import GRDB

/// A schedule file added through the control socket, kept verbatim. The store does not parse it (that is the
/// `Scheduling` module's job); it only keeps the text, so that what the operator sent is what is read back.
public struct ScheduleRecord: Codable, Equatable, Hashable, Sendable, FetchableRecord, PersistableRecord {
    /// The table, named once so that raw SQL and the record agree.
    public static let databaseTableName = "schedule"

    /// The schedule's name, chosen by the operator.
    public var id: String
    /// The YAML text (DESIGN §6).
    public var yaml: String
    /// When it was first added.
    public var addedAt: Date
    /// When its text was last replaced.
    public var updatedAt: Date
    /// Whether the operator accepted it despite same-level clashes, to be queued after the airings it overlaps.
    public var afterConflict: Bool

    /// Makes a record. The store stamps both dates on ``Store/putSchedule(id:yaml:afterConflict:)``.
    public init(id: String, yaml: String, addedAt: Date, updatedAt: Date, afterConflict: Bool = false) {
        self.id = id
        self.yaml = yaml
        self.addedAt = addedAt
        self.updatedAt = updatedAt
        self.afterConflict = afterConflict
    }

    /// Dates are Unix seconds at millisecond resolution (see `StoreTime`).
    public static func databaseDateEncodingStrategy(for column: String) -> DatabaseDateEncodingStrategy {
        StoreTime.encoding
    }

    /// Dates are Unix seconds at millisecond resolution (see `StoreTime`).
    public static func databaseDateDecodingStrategy(for column: String) -> DatabaseDateDecodingStrategy {
        StoreTime.decoding
    }

    /// The media names and sha256s this schedule's text mentions; see ``ScheduleMediaScanner``.
    var mediaValues: [String] {
        ScheduleMediaScanner.mediaValues(in: yaml)
    }
}
