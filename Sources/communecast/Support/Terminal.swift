import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Terminal output helpers: messages to standard error, and a single self-overwriting progress line that is shown
/// only when standard error is a terminal (so logs and pipes stay clean).
enum Terminal {
    /// Whether standard error is an interactive terminal.
    static var showsProgress: Bool { isatty(STDERR_FILENO) == 1 }

    /// Writes one line to standard error.
    static func standardError(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    /// Rewrites the progress line in place.
    static func progress(_ line: String) {
        guard showsProgress else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K\(line)".utf8))
    }

    /// Clears the progress line before normal output continues.
    static func endProgress() {
        guard showsProgress else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }

    /// Prints a value as one line of JSON with sorted keys, for `--json`.
    static func printJSON(_ value: some Encodable) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        print(String(decoding: try encoder.encode(value), as: UTF8.self))
    }

    /// "01:05.3" style durations for people.
    static func clock(_ seconds: Double) -> String {
        let tenths = Int((seconds * 10).rounded(.down))
        return String(format: "%02d:%02d.%d", tenths / 600, (tenths / 10) % 60, tenths % 10)
    }

    /// "12.3 KiB" style sizes for people.
    static func bytes(_ count: Int) -> String {
        if count < 1_024 { return "\(count) B" }
        if count < 1_048_576 { return String(format: "%.1f KiB", Double(count) / 1_024) }
        if count < 1_073_741_824 { return String(format: "%.1f MiB", Double(count) / 1_048_576) }
        return String(format: "%.1f GiB", Double(count) / 1_073_741_824)
    }

    /// "-16.0 LUFS" or "unmeasurable".
    static func level(_ value: Double?, unit: String) -> String {
        guard let value else { return "unmeasurable" }
        return String(format: "%.1f %@", value, unit)
    }
}
