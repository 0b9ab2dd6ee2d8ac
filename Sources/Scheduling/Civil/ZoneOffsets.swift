import Foundation
import Synchronization

/// A time zone's UTC offsets as a sorted table of transitions, for converting wall-clock times fast.
///
/// `TimeZone.secondsFromGMT(for:)` is too slow on Linux to call for every recurrence candidate, so the zone's
/// transitions between 1900 and 2200 are read once (through `nextDaylightSavingTimeTransition(after:)`), cached
/// per identifier, and searched with integers. Outside that span the nearest known offset is used.
///
/// Local times that do not exist or happen twice are resolved as RFC 5545 §3.3.5 requires:
/// - in a spring-forward gap the time is read with the offset *before* the gap, so 02:30 on 2026-03-08 in
///   America/New_York is 02:30 EST, which is 03:30 EDT;
/// - in a fall-back overlap the *first* occurrence is chosen, the one still in daylight time.
public struct ZoneOffsets: Sendable {
    /// One change of offset, with the wall-clock instants where it bites precomputed.
    struct Transition: Sendable {
        /// The absolute instant of the change, in seconds since 1970.
        let utc: Int64
        /// The offset in force just before the change.
        let before: Int64
        /// The offset in force from the change on.
        let after: Int64

        /// The wall-clock reading at the change when read with the old offset.
        var wallBefore: Int64 { utc + before }
        /// The wall-clock reading at the change when read with the new offset.
        var wallAfter: Int64 { utc + after }
    }

    /// The IANA identifier, kept for messages and cache lookups.
    public let identifier: String
    let firstOffset: Int64
    let transitions: [Transition]

    private static let cache = ZoneOffsetsCache()
    private static let tableStart = Date(timeIntervalSince1970: -2_208_988_800)
    private static let tableEnd = Date(timeIntervalSince1970: 7_258_118_400)

    /// The table for `timeZone`, read from the system once per identifier and shared afterwards.
    public init(_ timeZone: TimeZone) {
        self = ZoneOffsets.cache.offsets(for: timeZone) { ZoneOffsets(reading: timeZone) }
    }

    /// The table for an IANA identifier, or nil when the system does not know the zone.
    public init?(identifier: String) {
        guard let zone = TimeZone(identifier: identifier) else { return nil }
        self.init(zone)
    }

    private init(reading timeZone: TimeZone) {
        identifier = timeZone.identifier
        firstOffset = Int64(timeZone.secondsFromGMT(for: ZoneOffsets.tableStart))
        var found: [Transition] = []
        var cursor = ZoneOffsets.tableStart
        var offset = firstOffset
        while let next = timeZone.nextDaylightSavingTimeTransition(after: cursor), next < ZoneOffsets.tableEnd {
            let after = Int64(timeZone.secondsFromGMT(for: next))
            if after != offset {
                found.append(Transition(utc: Int64(next.timeIntervalSince1970.rounded()), before: offset, after: after))
                offset = after
            }
            cursor = next
        }
        transitions = found
    }

    /// The absolute instant (seconds since 1970) of a wall-clock reading, resolving gaps and overlaps per RFC 5545.
    public func utcSeconds(forWall wall: Int64) -> Int64 {
        var hint = 0
        return utcSeconds(forWall: wall, hint: &hint)
    }

    /// As ``utcSeconds(forWall:)``, starting the search at `hint` so that ascending lookups cost O(1).
    func utcSeconds(forWall wall: Int64, hint: inout Int) -> Int64 {
        guard !transitions.isEmpty else { return wall - firstOffset }
        let index = lastTransition(wallAtOrBefore: wall, hint: &hint)
        guard index >= 0 else { return wall - firstOffset }
        let transition = transitions[index]
        if wall < transition.wallAfter {
            return wall - transition.before
        }
        return wall - transition.after
    }

    /// The UTC offset in seconds in force at an absolute instant.
    public func offset(atUTC utc: Int64) -> Int64 {
        var low = 0
        var high = transitions.count
        while low < high {
            let middle = (low + high) / 2
            if transitions[middle].utc <= utc { low = middle + 1 } else { high = middle }
        }
        return low == 0 ? firstOffset : transitions[low - 1].after
    }

    /// The wall-clock reading (seconds since 1970 as if UTC) of an absolute instant.
    public func wallSeconds(atUTC utc: Int64) -> Int64 {
        utc + offset(atUTC: utc)
    }

    /// Index of the last transition whose old-offset wall reading is at or before `wall`, or -1.
    private func lastTransition(wallAtOrBefore wall: Int64, hint: inout Int) -> Int {
        let count = transitions.count
        if hint >= 0, hint < count, transitions[hint].wallBefore <= wall,
           hint + 1 == count || transitions[hint + 1].wallBefore > wall {
            return hint
        }
        if hint + 1 < count, transitions[hint + 1].wallBefore <= wall,
           hint + 2 >= count || transitions[hint + 2].wallBefore > wall {
            hint += 1
            return hint
        }
        var low = 0
        var high = count
        while low < high {
            let middle = (low + high) / 2
            if transitions[middle].wallBefore <= wall { low = middle + 1 } else { high = middle }
        }
        hint = low - 1
        return low - 1
    }
}

/// The process-wide cache of zone tables, so ten thousand programmes in one zone read the zone once.
private final class ZoneOffsetsCache: Sendable {
    private let tables = Mutex<[String: ZoneOffsets]>([:])

    func offsets(for zone: TimeZone, build: () -> ZoneOffsets) -> ZoneOffsets {
        tables.withLock { tables in
            if let cached = tables[zone.identifier] { return cached }
            let table = build()
            tables[zone.identifier] = table
            return table
        }
    }
}

extension ZoneOffsets {
    /// The local calendar date of an absolute instant, as people in the zone would name the day.
    public func localDate(of date: Date) -> LocalDate {
        let utc = Int64(date.timeIntervalSince1970.rounded(.down))
        let wall = Int(wallSeconds(atUTC: utc))
        return LocalDate(dayNumber: CivilCalendar.floorDivide(wall, Int(CivilCalendar.secondsPerDay)))
    }
}
