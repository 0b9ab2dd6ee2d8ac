/// How a programme repeats: a full RFC 5545 rule, or the friendly weekdays-and-times form of schedule files.
public enum Recurrence: Hashable, Sendable {
    /// An RRULE with its DTSTART on the schedule's wall clock.
    case rrule(RecurrenceRule, start: LocalDateTime)
    /// Every listed weekday at every listed time, e.g. `days: [mon, wed]` and `at: ["05:30", "17:00"]`.
    case friendly(days: Set<Weekday>, at: [LocalTime])
}
