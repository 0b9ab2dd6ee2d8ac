import Foundation

extension RecurrenceRule {
    /// The occurrences of this rule from `start` (a local DTSTART) whose instants lie in `[from, to)`.
    ///
    /// Expansion happens on `zone`'s wall clock; each local time is then made absolute, with spring-forward gap
    /// times read with the offset before the gap and fall-back times taking their first (daylight) reading, as
    /// RFC 5545 §3.3.5 prescribes. COUNT is always counted from DTSTART, whatever `from` is. DTSTART itself is an
    /// occurrence only when it matches the rule. Leaving a bound nil leaves that side open.
    public func occurrences(
        start: LocalDateTime, in zone: ZoneOffsets, from: Date? = nil, to: Date? = nil
    ) -> RecurrenceIterator {
        RecurrenceIterator(
            plan: ExpansionPlan(rule: self, start: start), zone: zone,
            lowerUTC: from.map { Int64($0.timeIntervalSince1970.rounded(.up)) },
            upperUTC: to.map { Int64($0.timeIntervalSince1970.rounded(.up)) }
        )
    }

    /// As ``occurrences(start:in:from:to:)-(_,ZoneOffsets,_,_)``, for callers holding a Foundation `TimeZone`.
    public func occurrences(
        start: LocalDateTime, in zone: TimeZone, from: Date? = nil, to: Date? = nil
    ) -> RecurrenceIterator {
        occurrences(start: start, in: ZoneOffsets(zone), from: from, to: to)
    }

    /// The earliest occurrence strictly after `date`, or nil when the rule has ended.
    public func next(after date: Date, start: LocalDateTime, in zone: ZoneOffsets) -> RecurrenceInstant? {
        let lower = Int64(date.timeIntervalSince1970.rounded(.down)) + 1
        var iterator = RecurrenceIterator(
            plan: ExpansionPlan(rule: self, start: start), zone: zone, lowerUTC: lower, upperUTC: nil
        )
        guard var best = iterator.next() else { return nil }
        // A time in a spring-forward gap is moved later than its wall reading, so a wall-later candidate can be
        // earlier in absolute time; look a few hours further to return the true earliest.
        while let candidate = iterator.next(), candidate.wallSeconds < best.wallSeconds + 3 * 3600 {
            if candidate.utcSeconds < best.utcSeconds { best = candidate }
        }
        return best
    }
}
