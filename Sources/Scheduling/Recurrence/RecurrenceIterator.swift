/// Walks a rule's occurrences in wall-clock order, lazily, optionally bounded to an absolute range.
///
/// Candidates are generated period by period on civil day numbers, filtered against DTSTART, COUNT and UNTIL,
/// and only then converted to absolute instants with the zone's cached offsets. With no COUNT the walk starts
/// at the period containing the range's start instead of at DTSTART, so a query next year costs the same as
/// one today. Wall-clock order equals chronological order except for times inside a spring-forward gap,
/// which RFC 5545 moves an hour later.
public struct RecurrenceIterator: IteratorProtocol, Sequence, Sendable {
    /// How far past the range end to keep looking, to cover the largest DST shift (two hours) with margin.
    private static let stopSlack: Int64 = 3 * 3600
    /// Periods never go past 9999-12-31, so a rule that can never match still ends.
    private static let lastDay = CivilCalendar.dayNumber(year: 9999, month: 12, day: 31)

    private let plan: ExpansionPlan
    private let zone: ZoneOffsets
    private let lowerUTC: Int64?
    private let upperUTC: Int64?
    private let untilWall: Int64?
    private let untilUTC: Int64?
    private var hint = 0
    private var period: Int
    private var days: [Int] = []
    private var dayPosition = 0
    private var timePosition = 0
    private var counted = 0
    private var finished = false

    /// Prepares a walk over `[lowerUTC, upperUTC)` in seconds since 1970; either bound may be open.
    init(plan: ExpansionPlan, zone: ZoneOffsets, lowerUTC: Int64?, upperUTC: Int64?) {
        self.plan = plan
        self.zone = zone
        self.lowerUTC = lowerUTC
        self.upperUTC = upperUTC
        switch plan.until {
        case .date(let date):
            untilWall = Int64(date.dayNumber + 1) * CivilCalendar.secondsPerDay - 1
            untilUTC = nil
        case .local(let value):
            untilWall = value.wallSeconds
            untilUTC = nil
        case .utc(let value):
            untilWall = nil
            untilUTC = value.wallSeconds
        case nil:
            untilWall = nil
            untilUTC = nil
        }
        if plan.count == nil, let lowerUTC {
            let earliestDay = CivilCalendar.floorDivide(Int(lowerUTC), Int(CivilCalendar.secondsPerDay)) - 2
            period = plan.firstPeriod(reaching: earliestDay)
        } else {
            period = 0
        }
        plan.fillDays(ofPeriod: period, into: &days)
    }

    /// The next occurrence, or nil once COUNT, UNTIL or the range end is reached.
    public mutating func next() -> RecurrenceInstant? {
        while !finished {
            guard dayPosition < days.count else {
                advancePeriod()
                continue
            }
            let wall = Int64(days[dayPosition]) * CivilCalendar.secondsPerDay + Int64(plan.timesOfDay[timePosition])
            timePosition += 1
            if timePosition == plan.timesOfDay.count {
                timePosition = 0
                dayPosition += 1
            }
            guard wall >= plan.startWall else { continue }
            if let untilWall, wall > untilWall { break }
            let utc = zone.utcSeconds(forWall: wall, hint: &hint)
            if let untilUTC, utc > untilUTC { break }
            if let count = plan.count {
                guard counted < count else { break }
                counted += 1
            }
            if let lowerUTC, utc < lowerUTC { continue }
            if let upperUTC, utc >= upperUTC {
                if utc >= upperUTC + Self.stopSlack { break }
                continue
            }
            return RecurrenceInstant(wallSeconds: wall, utcSeconds: utc)
        }
        finished = true
        return nil
    }

    private mutating func advancePeriod() {
        period += 1
        dayPosition = 0
        timePosition = 0
        let firstDay = plan.firstDay(ofPeriod: period)
        let firstWall = Int64(firstDay) * CivilCalendar.secondsPerDay
        if firstDay > Self.lastDay
            || untilWall.map({ firstWall > $0 }) == true
            || untilUTC.map({ firstWall > $0 + 2 * CivilCalendar.secondsPerDay }) == true
            || upperUTC.map({ firstWall > $0 + 2 * CivilCalendar.secondsPerDay }) == true {
            finished = true
            days.removeAll()
            return
        }
        plan.fillDays(ofPeriod: period, into: &days)
    }
}
