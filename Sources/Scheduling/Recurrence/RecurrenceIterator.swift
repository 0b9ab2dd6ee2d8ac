/// Walks a rule's occurrences in wall-clock order, lazily, optionally bounded to an absolute range.
///
/// Instances are generated period by period on the wall clock (``ExpansionPlan``), filtered against DTSTART, COUNT
/// and UNTIL, and only then converted to absolute instants with the zone's cached offsets. With no COUNT the walk
/// starts at the period containing the range's start instead of at DTSTART, so a query next year costs the same as
/// one today. Wall-clock order equals chronological order except for times inside a spring-forward gap, which
/// RFC 5545 moves an hour later.
public struct RecurrenceIterator: IteratorProtocol, Sequence, Sendable {
    /// How far past the range end to keep looking, to cover the largest DST shift (two hours) with margin.
    private static let stopSlack: Int64 = 3 * 3600
    /// Periods never go past 9999-12-31, so a rule that can never match still ends.
    private static let lastWall = Int64(CivilCalendar.dayNumber(year: 10_000, month: 1, day: 1))
        * CivilCalendar.secondsPerDay

    private let plan: ExpansionPlan
    private let zone: ZoneOffsets
    private let lowerUTC: Int64?
    private let upperUTC: Int64?
    private let untilWall: Int64?
    private let untilUTC: Int64?
    private var hint = 0
    private var period: Int
    private var nextPeriod: Int?
    private var instances: [Int64] = []
    private var position = 0
    private var lastWall = Int64.min
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
        finished = plan.neverOccurs
        if !finished { load() }
    }

    /// The next occurrence, or nil once COUNT, UNTIL or the range end is reached.
    public mutating func next() -> RecurrenceInstant? {
        while !finished {
            guard position < instances.count else {
                advancePeriod()
                continue
            }
            let wall = instances[position]
            position += 1
            // An instance SKIP moved into the next period's days can come again from that period: keep one.
            guard wall >= plan.startWall, wall > lastWall else { continue }
            lastWall = wall
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

    /// Fills the current period's instances, or finishes when the calendar has ended.
    private mutating func load() {
        position = 0
        guard plan.firstWall(ofPeriod: period) != nil else {
            finish()
            return
        }
        nextPeriod = plan.fill(period: period, into: &instances)
    }

    private mutating func advancePeriod() {
        guard let next = nextPeriod, let firstWall = plan.firstWall(ofPeriod: next) else {
            finish()
            return
        }
        let slack = 2 * CivilCalendar.secondsPerDay
        if firstWall >= Self.lastWall
            || untilWall.map({ firstWall > $0 }) == true
            || untilUTC.map({ firstWall > $0 + slack }) == true
            || upperUTC.map({ firstWall > $0 + slack }) == true {
            finish()
            return
        }
        period = next
        load()
    }

    private mutating func finish() {
        finished = true
        instances.removeAll()
        position = 0
    }
}
