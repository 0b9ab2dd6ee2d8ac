import CommuneCastTesting
import Foundation
import Testing

@Suite("communecast schedule check and next, through the built binary")
struct ScheduleCommandTests {
    /// The shipped example schedules.
    static let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("schedules").path

    @Test("every shipped example schedule is valid")
    func examplesAreValid() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.examples).filter { $0.hasSuffix(".yaml") }
            .map { "\(Self.examples)/\($0)" }
        #expect(files.count >= 3)
        let result = try ProcessRunner.run(CLI.path, ["schedule", "check"] + files)
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.components(separatedBy: "\n").filter { $0.contains(": ok") }.count == files.count)
    }

    @Test("next lists occurrences in order with offsets and lunar dates: first Mondays, Thursdays, holiday skipped")
    func next() throws {
        let monthly = try CLI.run("schedule", "next", "\(Self.examples)/civic-monthly.yaml", "--from",
                                  "2026-12-01T00:00:00+07:00", "--count", "3")
        #expect(monthly.standardOutput == """
            2026-12-07T06:15:00+07:00 (29/10 âm lịch) thong-bao-thang
            2027-01-04T06:15:00+07:00 (27/11 âm lịch) thong-bao-thang
            2027-02-01T06:15:00+07:00 (25/12 âm lịch) thong-bao-thang

            """)
        let weekly = try ProcessRunner.run(CLI.path, ["schedule", "next", "\(Self.examples)/nong-nghiep-weekly.yaml",
                                                      "--from", "2026-11-01T00:00:00+07:00", "--count", "2", "--json"])
        let entries = try JSONSerialization.jsonObject(with: Data(weekly.standardOutput.utf8)) as? [[String: Any]]
        #expect(entries?.map { $0["start"] as? String ?? "" }
                == ["2026-12-03T17:45:00+07:00", "2026-12-10T17:45:00+07:00"])
        #expect(entries?.first?["id"] as? String == "nong-nghiep")
        #expect(entries?.first?["airs"] as? Bool == true)
        let day = try CLI.run("schedule", "next", "\(Self.examples)/xa-standard-day.yaml", "--id", "tin-sang",
                              "--from", "2026-09-01T06:00:00+07:00", "--count", "2")
        #expect(day.standardOutput == """
            2026-09-03T05:30:00+07:00 (22/7 âm lịch) tin-sang
            2026-09-04T05:30:00+07:00 (23/7 âm lịch) tin-sang

            """)
    }

    @Test("a broken file reports every problem with file, line and key, and exits 1")
    func brokenFile() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let file = directory.file("broken.yaml")
        try """
            timezone: Asia/Ho_Chi_Minh
            programmes:
              - id: a
                media: x
                rrule: FREQ=MONTHLY;BYMONTHDAY=32
                start: 2026-12-01T05:30:00
              - id: b
                media: x
                days: [mon, funday]
                at: ["25:00"]
              - id: c
                media: x
                rrule: FREQ=DAILY;COUNT=3;UNTIL=20261231
                start: 2026-12-01T05:30:00
            """.write(toFile: file, atomically: true, encoding: .utf8)
        let result = try CLI.run("schedule", "check", file)
        #expect(result.status == 1)
        let message = result.standardError
        #expect(message.contains("\(file):5: programmes[0].rrule: BYMONTHDAY=32"))
        #expect(message.contains("\(file):9: programmes[1].days: 'funday' is not a weekday"))
        #expect(message.contains("\(file):10: programmes[1].at: '25:00' is not a time"))
        #expect(message.contains("\(file):13: programmes[2].rrule:"))
        #expect(message.contains("UNTIL"))
    }

    @Test("check over several files warns of same-level programmes airing together and of ids used twice, exit 0")
    func clashesAcrossFiles() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let xa = directory.file("xa.yaml")
        let dem = directory.file("dem.yaml")
        try """
            programmes:
              - {id: sang, media: tin, days: [mon, tue, wed, thu, fri, sat, sun], at: ["05:30"]}
              - {id: bao, media: tin, level: priority, days: [mon], at: ["05:30"]}
            """.write(toFile: xa, atomically: true, encoding: .utf8)
        try """
            programmes:
              - {id: them, media: nhac, days: [tue], at: ["05:30"]}
              - {id: bao, media: nhac, days: [sun], at: ["18:00"]}
              - {id: toi, media: nhac, days: [sun], at: ["05:31"]}
            """.write(toFile: dem, atomically: true, encoding: .utf8)
        let result = try CLI.run("schedule", "check", xa, dem)
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("\(dem): ok (3 programmes"))
        let warnings = result.standardError.split(separator: "\n").map(String.init)
        #expect(warnings.count == 2, "\(warnings)")
        #expect(warnings.contains { $0.hasPrefix("warning: \(dem): programme id 'bao' is also in \(xa)") })
        #expect(warnings.contains {
            $0.hasPrefix("warning: \(dem): programme 'them' at ") && $0.contains("T05:30:00+07:00 overlaps 'sang'")
                && $0.contains("of \(xa)")
        }, "\(warnings)")
        // A priority programme never clashes with a normal one, and 05:31 does not clash with 05:30.
        #expect(!warnings.contains { $0.contains("'toi'") })

        let alone = try CLI.run("schedule", "check", xa)
        #expect(alone.status == 0 && alone.standardError.isEmpty, "\(alone.standardError)")
    }
}
