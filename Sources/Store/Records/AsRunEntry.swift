import BroadcastModel
import Foundation
import GRDB

/// One line of the as-run log: what was planned, what actually aired, from when to when, and why it ended as it
/// did (DESIGN §4). The daemon appends an entry when an item starts (or is skipped, missed or expired) and updates
/// it when the item ends, so the log stays true even if power fails mid-item.
public struct AsRunEntry: Codable, Equatable, Hashable, Sendable, FetchableRecord, MutablePersistableRecord {
    /// The table, named once so that raw SQL and the record agree.
    public static let databaseTableName = "asRun"

    /// Assigned by the store on append, never reused (AUTOINCREMENT).
    public var id: Int64?
    /// When the item was due, for scheduled items and alert repeats.
    public var plannedAt: Date?
    /// When sound started; `nil` for items that never started. Either this or `plannedAt` is always set.
    public var startedAt: Date?
    /// When sound stopped.
    public var endedAt: Date?
    /// The level it played (or would have played) at.
    public var level: BroadcastLevel
    /// The media, when there was one.
    public var mediaSHA256: String?
    /// The media's name at the time, kept so the log reads well after the media is deleted.
    public var mediaName: String?
    /// Who asked for it: "alert:ID", "play:ID" or "schedule:PROGRAMME-ID".
    public var source: String
    /// What happened.
    public var outcome: AsRunOutcome
    /// Why, for people: "preempted by alert:X", "quiet hours", "device lost".
    public var reason: String?
    /// The alert's status, for alert items, so drills are never mistaken for real alerts in the log.
    public var status: BroadcastStatus?
    /// The schedule programme id, for scheduled items.
    public var programmeID: String?
    /// Where a preempted item stopped, in seconds from its start.
    public var positionSeconds: Double?
    /// SHA-256 of the text spoken, when the media was rendered from text (a text programme or alert).
    public var textSHA256: String?
    /// Who signed a signed alert's airing: `drafted by …; approved by …` (v8).
    public var signedBy: String?

    /// Makes an entry; the store assigns `id` on append.
    public init(
        id: Int64? = nil,
        plannedAt: Date? = nil,
        startedAt: Date? = nil,
        endedAt: Date? = nil,
        level: BroadcastLevel,
        mediaSHA256: String? = nil,
        mediaName: String? = nil,
        source: String,
        outcome: AsRunOutcome,
        reason: String? = nil,
        status: BroadcastStatus? = nil,
        programmeID: String? = nil,
        positionSeconds: Double? = nil,
        textSHA256: String? = nil,
        signedBy: String? = nil
    ) {
        self.id = id
        self.plannedAt = plannedAt
        self.startedAt = startedAt
        self.endedAt = endedAt
        self.level = level
        self.mediaSHA256 = mediaSHA256
        self.mediaName = mediaName
        self.source = source
        self.outcome = outcome
        self.reason = reason
        self.status = status
        self.programmeID = programmeID
        self.positionSeconds = positionSeconds
        self.textSHA256 = textSHA256
        self.signedBy = signedBy
    }

    /// The instant the log is ordered and queried by: when it started, or else when it was due.
    public var at: Date? {
        startedAt ?? plannedAt
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

    /// The first rule the entry breaks, if any.
    func validate() throws(StoreError) {
        guard !source.isEmpty else {
            throw .invalid(what: "as-run source", reason: "it is empty; use alert:ID, play:ID or schedule:ID")
        }
        guard plannedAt != nil || startedAt != nil else {
            throw .invalid(what: "as-run entry for \(source)", reason: "it has neither plannedAt nor startedAt")
        }
        if let positionSeconds, !(positionSeconds.isFinite && positionSeconds >= 0) {
            throw .invalid(what: "as-run position for \(source)", reason: "\(positionSeconds) s is not ≥ 0")
        }
        if let mediaSHA256, !MediaRecord.isSHA256(mediaSHA256) {
            throw .invalid(what: "as-run media for \(source)", reason: "'\(mediaSHA256)' is not a 64-digit sha256")
        }
        if let textSHA256, !MediaRecord.isSHA256(textSHA256) {
            throw .invalid(what: "as-run text for \(source)", reason: "'\(textSHA256)' is not a 64-digit sha256")
        }
    }
}
