/// The friendly lunar form of schedule files: `lunar: {month: 3, day: 10}` airs yearly on that lunar date (the
/// Hùng Kings' Commemoration), `lunar: {day: [1, 15]}` on those days of every lunar month, leap months included
/// (mùng một and rằm), each at the times listed under `at:`.
///
/// A yearly date airs once a year, in the regular month, even in a year with a leap month of that number; `month:
/// 3L` asks for the leap month instead. A day the month lacks (30 in a 29-day month) airs on the month's last day
/// unless `skip` says otherwise (RFC 7529's SKIP; BACKWARD is the default here because a commune that announces on
/// "day 30" means the last day of the month).
public struct LunarSchedule: Hashable, Sendable {
    /// The month for a yearly date, or nil for every month.
    public let month: RecurrenceMonth?
    /// Days of the lunar month, 1…30, or -30…-1 counted from the month's end.
    public let days: [Int]
    /// The times of day.
    public let times: [LocalTime]
    /// What a missing day or leap month becomes.
    public let skip: RecurrenceSkip

    /// Tết 1900 at midnight: a DTSTART before every date the lunar calendar covers.
    static let anchor = LocalDateTime(year: 1900, month: 1, day: 31) ?? LocalDateTime(wallSeconds: 0)

    /// Creates the form; an empty `days` or `times` is refused by ``Programme/validate()``.
    public init(month: RecurrenceMonth? = nil, days: [Int], times: [LocalTime], skip: RecurrenceSkip = .backward) {
        self.month = month
        self.days = days
        self.times = times
        self.skip = skip
    }

    /// The RSCALE=VIETNAMESE rule with the same days; its times come from ``times`` rather than BYHOUR and BYMINUTE,
    /// which would cross every hour with every minute.
    public var rule: RecurrenceRule {
        RecurrenceRule(frequency: month == nil ? .monthly : .yearly, byMonth: month.map { [$0] } ?? [],
                       byMonthDay: days, scale: .vietnamese, skip: skip)
    }

    /// The expansion plan from ``anchor``, at exactly the listed times.
    func plan() -> ExpansionPlan {
        ExpansionPlan(rule: rule, start: Self.anchor, timesOfDay: Array(Set(times.map(\.secondOfDay))).sorted())
    }
}
