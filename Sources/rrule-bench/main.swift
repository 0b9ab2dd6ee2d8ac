import Foundation
import Scheduling

// rrule-bench expands every programme of a benchmark file (written by `bench/rrule/generate.py`) over its range
// with the Scheduling module, and prints the occurrence count, a checksum of the instants and the seconds spent.
// The output matches `bench/rrule/dateutil_expand.py` so `bench/rrule/run.sh` can compare the two; JSON decoding
// is outside the timed part in both.

/// The benchmark file: a UTC range and the programmes to expand over it.
struct BenchmarkFile: Decodable {
    /// One programme: its rule text, its local DTSTART and its IANA zone.
    struct Entry: Decodable {
        /// The RRULE text.
        let rrule: String
        /// DTSTART on the zone's wall clock, `YYYY-MM-DDTHH:MM:SS`.
        let dtstart: String
        /// The IANA time-zone identifier.
        let tz: String
    }

    /// The range's inclusive start.
    let from: Date
    /// The range's exclusive end.
    let to: Date
    /// The programmes.
    let programmes: [Entry]
}

/// Reports a fatal benchmark problem on standard error and exits with status 1.
func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("rrule-bench: \(message)\n".utf8))
    exit(1)
}

let arguments = CommandLine.arguments
guard arguments.count == 2 else { fail("usage: rrule-bench FILE.json") }
let decoder = JSONDecoder()
decoder.dateDecodingStrategy = .iso8601
let file: BenchmarkFile
do {
    file = try decoder.decode(BenchmarkFile.self, from: Data(contentsOf: URL(fileURLWithPath: arguments[1])))
} catch {
    fail("cannot read \(arguments[1]): \(error)")
}

var count = 0
var checksum: Int64 = 0
var zones: [String: ZoneOffsets] = [:]
let elapsed = ContinuousClock().measure {
    for entry in file.programmes {
        let zone: ZoneOffsets
        if let cached = zones[entry.tz] {
            zone = cached
        } else {
            guard let loaded = ZoneOffsets(identifier: entry.tz) else { fail("unknown time zone \(entry.tz)") }
            zones[entry.tz] = loaded
            zone = loaded
        }
        guard let start = LocalDateTime(entry.dtstart) else { fail("bad dtstart \(entry.dtstart)") }
        let rule: RecurrenceRule
        do {
            rule = try RecurrenceRule(parsing: entry.rrule)
        } catch {
            fail("\(entry.rrule): \(error)")
        }
        for instant in rule.occurrences(start: start, in: zone, from: file.from, to: file.to) {
            count += 1
            checksum += instant.utcSeconds
        }
    }
}
let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
print("count=\(count) checksum=\(checksum) seconds=\(String(format: "%.3f", seconds))")
