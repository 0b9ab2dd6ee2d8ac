import Foundation

extension Programme {
    /// The airings whose instants lie in `range`, in `zone`, after `from`, `until` and `except`, sorted by start.
    public func occurrences(in range: Range<Date>, zone: ZoneOffsets) -> [Occurrence] {
        instants(in: range, zone: zone).map { Occurrence(programmeID: id, start: $0.date, level: level) }
    }

    /// As ``occurrences(in:zone:)-(_,ZoneOffsets)``, for callers holding a Foundation `TimeZone`.
    public func occurrences(in range: Range<Date>, zone: TimeZone) -> [Occurrence] {
        occurrences(in: range, zone: ZoneOffsets(zone))
    }

    /// A lazy walk over airings in `[from, to)`; either bound may be nil to leave that side open.
    public func occurrenceIterator(from: Date?, to: Date?, zone: ZoneOffsets) -> ProgrammeIterator {
        ProgrammeIterator(
            programme: self, zone: zone,
            lowerUTC: from.map { Int64($0.timeIntervalSince1970.rounded(.up)) },
            upperUTC: to.map { Int64($0.timeIntervalSince1970.rounded(.up)) }
        )
    }

    /// The airings in `range` with their local readings, sorted chronologically (gap times can arrive late).
    func instants(in range: Range<Date>, zone: ZoneOffsets) -> [RecurrenceInstant] {
        var result = Array(occurrenceIterator(from: range.lowerBound, to: range.upperBound, zone: zone))
        if !result.isSorted(by: { $0.utcSeconds <= $1.utcSeconds }) {
            result.sort { $0.utcSeconds < $1.utcSeconds }
        }
        return result
    }

    /// The next `count` airings strictly after `date`, in chronological order.
    func nextOccurrences(_ count: Int, after date: Date, zone: ZoneOffsets) -> [Occurrence] {
        guard count > 0 else { return [] }
        var iterator = occurrenceIterator(from: date.addingTimeInterval(1).flooredToSecond, to: nil, zone: zone)
        var taken: [RecurrenceInstant] = []
        var cutoffWall = Int64.max
        while let instant = iterator.next(), instant.wallSeconds < cutoffWall {
            taken.append(instant)
            // Read a few hours past the last needed item: a spring-forward gap time can be earlier in absolute
            // time than the wall-clock item generated before it.
            if taken.count == count { cutoffWall = instant.wallSeconds + 3 * 3600 }
        }
        taken.sort { $0.utcSeconds < $1.utcSeconds }
        return taken.prefix(count).map { Occurrence(programmeID: id, start: $0.date, level: level) }
    }
}

extension Array {
    /// Whether the array is already in order, so the common case skips a sort.
    func isSorted(by areInOrder: (Element, Element) -> Bool) -> Bool {
        zip(self, dropFirst()).allSatisfy { areInOrder($0, $1) }
    }
}

extension Date {
    /// The date with its fractional second dropped, matching the whole-second instants occurrences have.
    var flooredToSecond: Date {
        Date(timeIntervalSince1970: timeIntervalSince1970.rounded(.down))
    }
}
