/// Walks one programme's airings in wall-clock order, applying its `from`, `until` and `except` dates.
///
/// RRULE and lunar programmes delegate to ``RecurrenceIterator``; weekday ones step day by day through the listed
/// weekdays and times. Either way the zone conversion follows the same RFC 5545 gap and overlap rules, and an airing
/// at the same instant as the one before it (an HOURLY time in a spring-forward gap) is dropped: RFC 5545 counts
/// duplicate instances once.
public struct ProgrammeIterator: IteratorProtocol, Sequence, Sendable {
    private enum Source: Sendable {
        case rule(RecurrenceIterator)
        case friendly(weekdayMask: Int, times: [Int], day: Int, timePosition: Int)
    }

    private static let lastDay = CivilCalendar.dayNumber(year: 9999, month: 12, day: 31)

    private let programme: Programme
    private let zone: ZoneOffsets
    private let lowerUTC: Int64?
    private let upperUTC: Int64?
    private var source: Source
    private var hint = 0
    private var lastUTC = Int64.min

    /// Prepares a walk over `[lowerUTC, upperUTC)` in seconds since 1970; either bound may be open.
    init(programme: Programme, zone: ZoneOffsets, lowerUTC: Int64?, upperUTC: Int64?) {
        self.programme = programme
        self.zone = zone
        self.lowerUTC = lowerUTC
        self.upperUTC = upperUTC
        switch programme.recurrence {
        case .rrule(let rule, let start):
            source = .rule(RecurrenceIterator(
                plan: ExpansionPlan(rule: rule, start: start), zone: zone, lowerUTC: lowerUTC, upperUTC: upperUTC
            ))
        case .lunar(let schedule):
            source = .rule(RecurrenceIterator(
                plan: schedule.plan(), zone: zone, lowerUTC: lowerUTC, upperUTC: upperUTC
            ))
        case .friendly(let days, let times):
            let mask = days.reduce(0) { $0 | 1 << $1.isoIndex }
            var firstDay = programme.from?.dayNumber ?? Int.min
            if let lowerUTC {
                let lowerDay = CivilCalendar.floorDivide(Int(lowerUTC), Int(CivilCalendar.secondsPerDay))
                firstDay = Swift.max(firstDay, lowerDay - 1)
            }
            if firstDay == Int.min { firstDay = CivilCalendar.dayNumber(year: 1970, month: 1, day: 1) }
            let seconds = Array(Set(times.map(\.secondOfDay))).sorted()
            source = .friendly(weekdayMask: mask, times: seconds, day: firstDay, timePosition: 0)
        }
    }

    /// The next airing allowed by the programme's dates, or nil when there are no more in the range.
    public mutating func next() -> RecurrenceInstant? {
        switch source {
        case .rule(var iterator):
            defer { source = .rule(iterator) }
            while let instant = iterator.next() {
                if let until = programme.until, instant.localDate > until { return nil }
                guard programme.allows(instant.localDate), instant.utcSeconds != lastUTC else { continue }
                lastUTC = instant.utcSeconds
                return instant
            }
            return nil
        case .friendly(let mask, let times, let day, let position):
            return nextFriendly(weekdayMask: mask, times: times, day: day, timePosition: position)
        }
    }

    private mutating func nextFriendly(
        weekdayMask: Int, times: [Int], day: Int, timePosition: Int
    ) -> RecurrenceInstant? {
        guard weekdayMask != 0, !times.isEmpty else { return nil }
        var day = day
        var position = timePosition
        let lastDay = Swift.min(programme.until?.dayNumber ?? Self.lastDay, Self.lastDay)
        while day <= lastDay {
            let dayStart = Int64(day) * CivilCalendar.secondsPerDay
            if let upperUTC, dayStart > upperUTC + 2 * CivilCalendar.secondsPerDay { break }
            guard position < times.count,
                  weekdayMask & (1 << CivilCalendar.weekdayIndex(dayNumber: day)) != 0,
                  programme.allows(LocalDate(dayNumber: day))
            else {
                day += 1
                position = 0
                continue
            }
            let wall = dayStart + Int64(times[position])
            position += 1
            let utc = zone.utcSeconds(forWall: wall, hint: &hint)
            if let lowerUTC, utc < lowerUTC { continue }
            if let upperUTC, utc >= upperUTC { continue }
            source = .friendly(weekdayMask: weekdayMask, times: times, day: day, timePosition: position)
            return RecurrenceInstant(wallSeconds: wall, utcSeconds: utc)
        }
        source = .friendly(weekdayMask: weekdayMask, times: times, day: Self.lastDay + 1, timePosition: 0)
        return nil
    }
}
