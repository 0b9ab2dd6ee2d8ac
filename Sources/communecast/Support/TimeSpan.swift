import ArgumentParser

/// A length of time as people type it on the command line: `45` or `45s`, `5m`, `6h`, `1d`, `1.5h`. The one parser
/// for every option that takes a duration (`--interval`, and `--expires` when it is not a date), so the same text
/// means the same thing everywhere.
struct TimeSpan: Sendable, Equatable {
    /// The length in seconds.
    let seconds: Double

    /// What the options' help and errors say is accepted.
    static let accepted = "seconds (45), or a number with s, m, h or d (90s, 5m, 6h, 1d)"

    /// A span of `seconds`.
    init(seconds: Double) {
        self.seconds = seconds
    }

    /// Reads `45`, `45s`, `5m`, `6h`, `1d`; nil for anything else (negative, empty, an unknown unit).
    init?(_ text: String) {
        let units: [Character: Double] = ["s": 1, "m": 60, "h": 3_600, "d": 86_400]
        var number = Substring(text)
        var unit = 1.0
        if let last = text.last, let factor = units[last] {
            number = number.dropLast()
            unit = factor
        }
        guard let value = Double(number), value.isFinite, value >= 0 else { return nil }
        seconds = value * unit
    }

    /// For `@Option(transform:)`: the span, or a usage error that says what is accepted.
    static func parse(_ text: String) throws -> TimeSpan {
        guard let span = TimeSpan(text) else {
            throw ValidationError("'\(text)' is not a duration; give \(accepted)")
        }
        return span
    }
}
