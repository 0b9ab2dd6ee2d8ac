import ControlProtocol
import Foundation

/// RFC 3339 timestamps as the control protocol carries them.
enum Timestamps {
    /// The site's zone (configuration `site.timezone`), set once at start-up before any call is served, so
    /// operators read the as-run log in local time.
    nonisolated(unsafe) static var siteTimeZone = TimeZone(identifier: "Asia/Ho_Chi_Minh") ?? .current

    /// Formats with the site's offset and milliseconds, e.g. 2026-12-01T05:30:00.123+07:00.
    static func format(_ date: Date, timeZone: TimeZone = siteTimeZone) -> String {
        let style = Date.ISO8601FormatStyle(
            timeSeparator: .colon, timeZoneSeparator: .colon, includingFractionalSeconds: true, timeZone: timeZone
        )
        return date.formatted(style)
    }

    /// Parses RFC 3339 with or without fractional seconds; nil if it is not a timestamp.
    static func parse(_ text: String) -> Date? { RFC3339.parse(text) }
}
