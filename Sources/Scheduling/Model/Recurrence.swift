/// How a programme repeats: a full RFC 5545 rule, or one of the friendly forms of schedule files.
public enum Recurrence: Hashable, Sendable {
    /// An RRULE with its DTSTART on the schedule's wall clock.
    case rrule(RecurrenceRule, start: LocalDateTime)
    /// Every listed weekday at every listed time, e.g. `days: [mon, wed]` and `at: ["05:30", "17:00"]`.
    case friendly(days: Set<Weekday>, at: [LocalTime])
    /// Lunar dates at listed times, e.g. `lunar: {day: [1, 15]}` and `at: ["06:00"]`.
    case lunar(LunarSchedule)
}
