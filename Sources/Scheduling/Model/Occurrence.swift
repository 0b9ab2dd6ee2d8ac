import Foundation

/// One planned airing of a programme.
///
/// Occurrences order by start and then by programme id, so that two programmes at the same instant always come
/// out in the same order in previews, plans and logs.
public struct Occurrence: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The programme's `id`.
    public let programmeID: String
    /// The absolute instant the programme is due to start.
    public let start: Date
    /// The level it airs at.
    public let level: ProgrammeLevel

    /// Creates an occurrence.
    public init(programmeID: String, start: Date, level: ProgrammeLevel) {
        self.programmeID = programmeID
        self.start = start
        self.level = level
    }

    /// Orders by start, then by programme id.
    public static func < (lhs: Occurrence, rhs: Occurrence) -> Bool {
        (lhs.start, lhs.programmeID) < (rhs.start, rhs.programmeID)
    }

    /// `'tin-sang' at 2026-12-01T05:30:00Z (normal)`; callers with a zone format the time themselves.
    public var description: String {
        let utc = Int64(start.timeIntervalSince1970.rounded(.down))
        return "'\(programmeID)' at \(ISO8601Text.format(utcSeconds: utc, offset: 0)) (\(level.rawValue))"
    }
}
