/// Why an RRULE was refused. Every message names the offending part and says what would be accepted, so a
/// commune operator can fix the schedule file without reading RFC 5545.
public enum RRuleError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The rule text was empty.
    case empty
    /// A part was not of the form `NAME=VALUE`, or its value was empty.
    case malformedPart(String)
    /// A part RFC 5545 does not define, or one this implementation does not support.
    case unsupportedPart(String)
    /// The same part appeared twice.
    case duplicatePart(String)
    /// No FREQ part was given.
    case missingFrequency
    /// FREQ named something other than YEARLY, MONTHLY, WEEKLY, DAILY, HOURLY or MINUTELY.
    case unsupportedFrequency(String)
    /// A value that should be a whole number was not one.
    case notANumber(part: String, value: String)
    /// A number outside the range the part allows; `allowed` says what is allowed.
    case outOfRange(part: String, value: String, allowed: String)
    /// A weekday code other than MO, TU, WE, TH, FR, SA or SU.
    case unknownWeekday(part: String, value: String)
    /// A BYDAY ordinal such as `1MO` with a frequency other than MONTHLY or YEARLY.
    case ordinalNotAllowed(value: String, frequency: String)
    /// A part RFC 5545 §3.3.10 marks N/A for the frequency, such as BYWEEKNO outside YEARLY.
    case partNotAllowed(part: String, frequency: String, advice: String)
    /// A combination of parts the standard forbids or that cannot be expanded; `reason` says which and why.
    case combination(reason: String)
    /// BYSETPOS without another BYxxx part, so there is no set to select from.
    case setPositionWithoutSet
    /// Both COUNT and UNTIL were given.
    case countAndUntil
    /// An UNTIL value that is neither a DATE nor a DATE-TIME.
    case malformedUntil(String)
    /// RSCALE named a calendar other than GREGORIAN or VIETNAMESE.
    case unknownScale(String)
    /// SKIP named something other than OMIT, BACKWARD or FORWARD.
    case unknownSkip(String)
    /// SKIP was given without RSCALE, which RFC 7529 forbids.
    case skipWithoutScale
    /// A leap month (`3L`) in a Gregorian rule.
    case leapMonthNeedsLunar(String)
    /// A part the lunar calendar does not have or this implementation does not expand in it.
    case notInLunarCalendar(part: String, advice: String)
    /// With this DTSTART the rule can never produce an instance (an unreachable BYHOUR, say).
    case neverOccurs(reason: String)
    /// A lunar rule whose DTSTART lies outside the years the lunar calendar is computed for.
    case outsideLunarRange(LocalDateTime)

    /// The message for the operator.
    public var description: String {
        switch self {
        case .empty:
            return "the RRULE is empty: write at least FREQ=DAILY, FREQ=WEEKLY or FREQ=MONTHLY"
        case .malformedPart(let part):
            return "'\(part)' is not a NAME=VALUE part: separate parts with ';', e.g. FREQ=WEEKLY;BYDAY=MO"
        case .unsupportedPart(let name):
            return "\(name) is not an RRULE part: use FREQ, INTERVAL, COUNT, UNTIL, WKST, BYMONTH, BYWEEKNO, "
                + "BYYEARDAY, BYMONTHDAY, BYDAY, BYHOUR, BYMINUTE, BYSECOND, BYSETPOS, RSCALE or SKIP"
        case .duplicatePart(let name):
            return "\(name) appears more than once: give each part once"
        case .missingFrequency:
            return "the RRULE has no FREQ: add FREQ=YEARLY, MONTHLY, WEEKLY, DAILY, HOURLY or MINUTELY"
        case .unsupportedFrequency(let value):
            if value == "SECONDLY" {
                return "FREQ=SECONDLY is not supported: broadcasts repeat at most every minute, use FREQ=MINUTELY"
            }
            return "FREQ=\(value) is not supported: use YEARLY, MONTHLY, WEEKLY, DAILY, HOURLY or MINUTELY"
        case .notANumber(let part, let value):
            return "\(part)=\(value) is not a whole number"
        case .outOfRange(let part, let value, let allowed):
            return "\(part)=\(value) is out of range: use \(allowed)"
        case .unknownWeekday(let part, let value):
            return "\(part)=\(value) names no weekday: use MO, TU, WE, TH, FR, SA or SU"
        case .ordinalNotAllowed(let value, let frequency):
            return "BYDAY=\(value) has an ordinal, which FREQ=\(frequency) does not allow: "
                + "use a plain weekday, or FREQ=MONTHLY or FREQ=YEARLY"
        case .partNotAllowed(let part, let frequency, let advice):
            return "\(part) cannot be used with FREQ=\(frequency): \(advice)"
        case .combination(let reason):
            return reason
        case .setPositionWithoutSet:
            return "BYSETPOS has nothing to select from: add the BYDAY, BYMONTHDAY, BYMONTH, BYHOUR or other BY part "
                + "it picks from, e.g. FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1 for the last weekday"
        case .countAndUntil:
            return "COUNT and UNTIL cannot both be given: keep one of them"
        case .malformedUntil(let value):
            return "UNTIL=\(value) is not a date or date-time: write YYYYMMDD, YYYYMMDDTHHMMSS "
                + "or YYYYMMDDTHHMMSSZ"
        case .unknownScale(let value):
            return "RSCALE=\(value) is not supported: use RSCALE=VIETNAMESE for the Vietnamese lunar calendar "
                + "(âm lịch, UTC+7) or RSCALE=GREGORIAN"
        case .unknownSkip(let value):
            return "SKIP=\(value) is not supported: use OMIT, BACKWARD or FORWARD"
        case .skipWithoutScale:
            return "SKIP needs RSCALE (RFC 7529): add RSCALE=VIETNAMESE or RSCALE=GREGORIAN"
        case .leapMonthNeedsLunar(let value):
            return "BYMONTH=\(value) names a leap month, which only the lunar calendar has: add RSCALE=VIETNAMESE"
        case .notInLunarCalendar(let part, let advice):
            return "\(part) cannot be used with RSCALE=VIETNAMESE: \(advice)"
        case .neverOccurs(let reason):
            return "the rule never airs: \(reason)"
        case .outsideLunarRange(let start):
            return "start \(start) is outside the lunar calendar's range: lunar rules work from "
                + "\(LunarCalendar.firstYear) to \(LunarCalendar.lastYear)"
        }
    }
}
