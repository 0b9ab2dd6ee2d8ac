import Foundation

/// Parses the RFC 3339 timestamps the control protocol carries (`expires`, `since`, `until`…), with or without
/// fractional seconds. The daemon and the CLI both use it, so they accept exactly the same texts.
public enum RFC3339 {
    /// The instant `text` names, or nil if it is not an RFC 3339 timestamp.
    public static func parse(_ text: String) -> Date? {
        if let date = try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text) { return date }
        return try? Date.ISO8601FormatStyle().parse(text)
    }
}
