/// Why an RRULE was refused. Every message names the offending part and says what would be accepted, so a
/// commune operator can fix the schedule file without reading RFC 5545.
public enum RRuleError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The rule text was empty.
    case empty
    /// A part was not of the form `NAME=VALUE`, or its value was empty.
    case malformedPart(String)
    /// A part this implementation does not support, such as BYSETPOS or BYMONTH.
    case unsupportedPart(String)
    /// The same part appeared twice.
    case duplicatePart(String)
    /// No FREQ part was given.
    case missingFrequency
    /// FREQ named a frequency outside DAILY, WEEKLY and MONTHLY.
    case unsupportedFrequency(String)
    /// A value that should be a whole number was not one.
    case notANumber(part: String, value: String)
    /// A number outside the range the part allows; `allowed` says what is allowed.
    case outOfRange(part: String, value: String, allowed: String)
    /// A weekday code other than MO, TU, WE, TH, FR, SA or SU.
    case unknownWeekday(part: String, value: String)
    /// A BYDAY ordinal such as `1MO` with a frequency other than MONTHLY.
    case ordinalNotAllowed(value: String, frequency: String)
    /// BYMONTHDAY with FREQ=WEEKLY, which RFC 5545 forbids.
    case monthDayWithWeekly
    /// Both COUNT and UNTIL were given.
    case countAndUntil
    /// An UNTIL value that is neither a DATE nor a DATE-TIME.
    case malformedUntil(String)

    /// The message for the operator.
    public var description: String {
        switch self {
        case .empty:
            return "the RRULE is empty: write at least FREQ=DAILY, FREQ=WEEKLY or FREQ=MONTHLY"
        case .malformedPart(let part):
            return "'\(part)' is not a NAME=VALUE part: separate parts with ';', e.g. FREQ=WEEKLY;BYDAY=MO"
        case .unsupportedPart(let name):
            return "\(name) is not supported: use FREQ, INTERVAL, BYDAY, BYMONTHDAY, BYHOUR, BYMINUTE, COUNT, "
                + "UNTIL or WKST"
        case .duplicatePart(let name):
            return "\(name) appears more than once: give each part once"
        case .missingFrequency:
            return "the RRULE has no FREQ: add FREQ=DAILY, FREQ=WEEKLY or FREQ=MONTHLY"
        case .unsupportedFrequency(let value):
            return "FREQ=\(value) is not supported: use DAILY, WEEKLY or MONTHLY"
        case .notANumber(let part, let value):
            return "\(part)=\(value) is not a whole number"
        case .outOfRange(let part, let value, let allowed):
            return "\(part)=\(value) is out of range: use \(allowed)"
        case .unknownWeekday(let part, let value):
            return "\(part)=\(value) names no weekday: use MO, TU, WE, TH, FR, SA or SU"
        case .ordinalNotAllowed(let value, let frequency):
            return "BYDAY=\(value) has an ordinal, which FREQ=\(frequency) does not allow: "
                + "use a plain weekday, or FREQ=MONTHLY"
        case .monthDayWithWeekly:
            return "BYMONTHDAY cannot be used with FREQ=WEEKLY: use BYDAY, or FREQ=MONTHLY"
        case .countAndUntil:
            return "COUNT and UNTIL cannot both be given: keep one of them"
        case .malformedUntil(let value):
            return "UNTIL=\(value) is not a date or date-time: write YYYYMMDD, YYYYMMDDTHHMMSS "
                + "or YYYYMMDDTHHMMSSZ"
        }
    }
}
