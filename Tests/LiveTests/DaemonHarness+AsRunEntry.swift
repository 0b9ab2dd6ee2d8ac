import CommuneCastTesting
import Foundation

extension DaemonHarness {
    /// The last as-run entry of `source` (`play:ID`, `alert:ID`) with `outcome`, waiting up to `timeout` seconds for
    /// it: the relay and stream-alert tests wait on the as-run log rather than on time.
    func asRunEntry(_ source: String, outcome: String, timeout: Double = 90) throws -> [String: Any]? {
        var found: [String: Any]?
        _ = try wait(timeout: timeout) {
            found = try asRun().last { $0["source"] as? String == source && $0["outcome"] as? String == outcome }
            return found != nil
        }
        return found
    }

    /// A time of the as-run log (RFC 3339, with or without fractional seconds).
    static func date(_ value: Any?) -> Date? {
        guard let text = value as? String else { return nil }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: text) ?? ISO8601DateFormatter().date(from: text)
    }
}
