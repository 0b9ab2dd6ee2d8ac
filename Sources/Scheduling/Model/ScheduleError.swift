/// Why a schedule cannot be used. Messages name the programme and the field so the operator can fix the file.
public enum ScheduleError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The `timezone` is not an IANA zone this system knows.
    case unknownTimeZone(String)
    /// A programme has an empty `id`.
    case emptyProgrammeID(title: String)
    /// Two programmes share an `id`.
    case duplicateProgramme(String)
    /// A friendly-form programme lists no days.
    case noDays(programme: String)
    /// A friendly-form programme lists no times.
    case noTimes(programme: String)
    /// A lunar-form programme lists no days.
    case noLunarDays(programme: String)
    /// A recurrence that cannot air as written (an unreachable BYHOUR, a lunar start outside the calendar).
    case invalidRecurrence(programme: String, reason: String)
    /// `from` is after `until`.
    case dateRangeReversed(programme: String, from: LocalDate, until: LocalDate)
    /// `max_late` is negative.
    case negativeMaxLate(programme: String, seconds: Double)
    /// A conflict check needs the duration of media nobody has imported.
    case unknownMediaDuration(programme: String, media: String)
    /// A relay programme without a URL or a positive duration.
    case invalidStream(programme: String, reason: String)

    /// The message for the operator.
    public var description: String {
        switch self {
        case .unknownTimeZone(let name):
            return "time zone '\(name)' is not known: use an IANA name such as Asia/Ho_Chi_Minh"
        case .emptyProgrammeID(let title):
            return "programme '\(title)' has an empty id: give every programme a unique id"
        case .duplicateProgramme(let id):
            return "programme id '\(id)' is used more than once: give every programme a unique id"
        case .noDays(let id):
            return "programme '\(id)' has no days: list at least one of mon, tue, wed, thu, fri, sat, sun"
        case .noTimes(let id):
            return "programme '\(id)' has no times: list at least one time under at, e.g. \"05:30\""
        case .noLunarDays(let id):
            return "programme '\(id)' has no lunar days: list at least one, e.g. lunar: {day: [1, 15]}"
        case .invalidRecurrence(let id, let reason):
            return "programme '\(id)': \(reason)"
        case .dateRangeReversed(let id, let from, let until):
            return "programme '\(id)' has from \(from) after until \(until): swap them or fix the dates"
        case .negativeMaxLate(let id, let seconds):
            return "programme '\(id)' has max_late \(seconds): use zero or a positive number of seconds"
        case .unknownMediaDuration(let id, let media):
            return "programme '\(id)' uses media '\(media)' whose duration is unknown: import the media first"
        case .invalidStream(let id, let reason):
            return "programme '\(id)': \(reason)"
        }
    }
}
