/// The calendar an RRULE counts its years, months and days in (RFC 7529 `RSCALE`).
///
/// RFC 7529 takes its names from CLDR, which has no Vietnamese lunisolar calendar; `VIETNAMESE` is this project's
/// name for the âm lịch computed for UTC+7 (docs/schedules.md). `CHINESE` is deliberately not accepted: it is
/// computed for UTC+8 and gives other dates in some years (Tết 1985, 2007, 2030).
public enum RecurrenceScale: String, CaseIterable, Hashable, Sendable {
    /// The Gregorian calendar, as without RSCALE.
    case gregorian = "GREGORIAN"
    /// The Vietnamese lunar calendar (âm lịch), computed for UTC+7.
    case vietnamese = "VIETNAMESE"
}
