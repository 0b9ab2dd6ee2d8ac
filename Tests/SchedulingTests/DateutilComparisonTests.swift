import Foundation
import Testing
@testable import Scheduling

/// Expands thousands of random rules (fixed seed) with python-dateutil and with this module and requires the same
/// instants, so every rule part is checked against an independent implementation, time zones with daylight saving
/// included. The rules come from `bench/rrule/generate.py --mix coverage`; README.md there lists the few places where
/// dateutil departs from RFC 5545, which the generator avoids.
@Suite("Randomised comparison with python-dateutil")
struct DateutilComparisonTests {
    /// One generated programme.
    struct Entry: Decodable {
        let id: String
        let rrule: String
        let dtstart: String
        let tz: String
        let from: Date
        let days: Int
    }

    /// The generated file.
    struct File: Decodable {
        let programmes: [Entry]
    }

    /// What dateutil produced for one programme: its instants, or a refusal, or nothing in time.
    enum Reference: Decodable {
        case instants([Int64])
        case refused
        case timeout

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let instants = try? container.decode([Int64].self) {
                self = .instants(instants)
            } else {
                self = try container.decode(String.self) == "timeout" ? .timeout : .refused
            }
        }
    }

    /// How many rules, and the seed; `RRULE_COMPARE_COUNT` and `RRULE_COMPARE_SEED` override them to search further.
    static let programmeCount = Int(ProcessInfo.processInfo.environment["RRULE_COMPARE_COUNT"] ?? "") ?? 3000
    static let seed = Int(ProcessInfo.processInfo.environment["RRULE_COMPARE_SEED"] ?? "") ?? 19
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    @Test("random rules (3,000 by default) give dateutil's instants, and the rules dateutil refuses are refused")
    func sameInstantsAsDateutil() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("rrule-compare-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let programmesPath = directory.appendingPathComponent("programmes.json").path
        let referencePath = directory.appendingPathComponent("dateutil.json").path
        let bench = Self.root.appendingPathComponent("bench/rrule").path
        try Self.python(["\(bench)/generate.py", programmesPath, "--mix", "coverage",
                         "--count", "\(Self.programmeCount)", "--seed", "\(Self.seed)"])
        try Self.python(["\(bench)/dateutil_expand.py", programmesPath, "--dump", referencePath, "--limit", "10"])

        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let file = try decoder.decode(File.self, from: Data(contentsOf: URL(fileURLWithPath: programmesPath)))
        let reference = try decoder.decode([String: Reference].self,
                                           from: Data(contentsOf: URL(fileURLWithPath: referencePath)))
        var compared: [Entry] = []
        var timeouts = 0
        var mismatches: [String] = []
        var instantCount = 0
        for entry in file.programmes {
            guard let expected = reference[entry.id] else {
                mismatches.append("\(entry.id): dateutil wrote nothing")
                continue
            }
            let actual = Self.expand(entry)
            switch (expected, actual) {
            case (.timeout, _):
                timeouts += 1
                continue
            case (.refused, nil):
                break
            case (.instants(let want), let got?) where want == got:
                instantCount += want.count
            case (.instants(let want), let got?):
                let index = zip(want, got).enumerated().first { $0.element.0 != $0.element.1 }?.offset
                    ?? min(want.count, got.count)
                mismatches.append("\(entry.id) \(entry.rrule) start \(entry.dtstart) \(entry.tz): dateutil "
                                  + "\(want.count), ours \(got.count), first difference at #\(index): "
                                  + "\(want.dropFirst(index).first.map(String.init) ?? "-") vs "
                                  + "\(got.dropFirst(index).first.map(String.init) ?? "-")")
            case (.refused, _?):
                mismatches.append("\(entry.id) \(entry.rrule) start \(entry.dtstart): dateutil refuses, we accept")
            case (.instants, nil):
                mismatches.append("\(entry.id) \(entry.rrule) start \(entry.dtstart): dateutil accepts, we refuse")
            }
            compared.append(entry)
        }
        let report = mismatches.prefix(20).joined(separator: "\n")
        #expect(mismatches.isEmpty, "\(mismatches.count) differences:\n\(report)")
        #expect(timeouts * 100 <= Self.programmeCount, "dateutil timed out on \(timeouts) programmes")
        #expect(instantCount > 50_000)
        for part in ["FREQ=YEARLY", "FREQ=MONTHLY", "FREQ=WEEKLY", "FREQ=DAILY", "FREQ=HOURLY", "FREQ=MINUTELY",
                     "INTERVAL=", "COUNT=", "UNTIL=", "WKST=", "BYMONTH=", "BYWEEKNO=", "BYYEARDAY=", "BYMONTHDAY=",
                     "BYMONTHDAY=-", "BYDAY=", "BYDAY=-", "BYHOUR=", "BYMINUTE=", "BYSECOND=", "BYSETPOS="] {
            let uses = compared.filter { ";\($0.rrule)".contains(";" + part) }.count
            #expect(uses >= 40, "only \(uses) compared rules use \(part)")
        }
    }

    /// Our instants for one programme in its range, or nil when the rule or its start is refused.
    static func expand(_ entry: Entry) -> [Int64]? {
        guard let start = LocalDateTime(entry.dtstart), let zone = ZoneOffsets(identifier: entry.tz),
              let rule = try? RecurrenceRule(parsing: entry.rrule), (try? rule.validate(start: start)) != nil
        else { return nil }
        let end = entry.from.addingTimeInterval(TimeInterval(entry.days) * 86_400)
        return rule.occurrences(start: start, in: zone, from: entry.from, to: end).map(\.utcSeconds)
    }

    /// Runs a Python script and fails with its standard error when it does not succeed.
    static func python(_ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw ComparisonFailure(description: "python3 \(arguments.first ?? ""): "
                                    + String(decoding: message, as: UTF8.self))
        }
    }

    /// A helper script failed.
    struct ComparisonFailure: Error, CustomStringConvertible {
        let description: String
    }
}
