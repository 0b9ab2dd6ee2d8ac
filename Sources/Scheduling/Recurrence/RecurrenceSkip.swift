/// What a rule does with a date the calendar lacks (RFC 7529 `SKIP`): day 30 of a 29-day lunar month, 31 April,
/// or a leap month (`BYMONTH=3L`) in a year that has none.
public enum RecurrenceSkip: String, CaseIterable, Hashable, Sendable {
    /// Leave the date out (the default, and RFC 5545's behaviour).
    case omit = "OMIT"
    /// Use the previous valid date: the month's last day, or the regular month for a missing leap month.
    case backward = "BACKWARD"
    /// Use the next valid date: the next month's first day, or the month after a missing leap month.
    case forward = "FORWARD"
}
