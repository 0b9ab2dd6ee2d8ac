import CommuneCastTesting
import Foundation
import Testing

@Suite("schedule next and check through the built binary: quiet hours, ended programmes, YAML errors")
struct ScheduleQuietHoursTests {
    /// Quiet hours 21:30–05:00 with a programme at 22:00, 04:59 and 06:00, one only at 23:00, and one that ended.
    static let file = """
        timezone: Asia/Ho_Chi_Minh
        quiet_hours: {from: "21:30", to: "05:00"}
        programmes:
          - id: tin-toi
            media: chuong
            days: [mon, tue, wed, thu, fri, sat, sun]
            at: ["22:00", "04:59", "06:00"]
          - id: dem
            media: chuong
            level: priority
            days: [mon]
            at: ["23:00"]
          - id: mua-cu
            media: chuong
            days: [mon]
            at: ["07:00"]
            until: 2020-01-01
        """

    @Test("next lists every occurrence in order and marks those quiet hours skip; --json says airs and why")
    func nextMarksSkipped() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("dem.yaml")
        try Self.file.write(toFile: path, atomically: true, encoding: .utf8)
        let next = try CLI.run("schedule", "next", path, "--id", "tin-toi", "--from", "2026-12-01T00:00:00+07:00",
                               "--count", "4")
        #expect(next.status == 0, "\(next.standardError)")
        #expect(next.standardOutput == """
            2026-12-01T04:59:00+07:00 (23/10 âm lịch) tin-toi skipped (quiet hours 21:30–05:00)
            2026-12-01T06:00:00+07:00 (23/10 âm lịch) tin-toi
            2026-12-01T22:00:00+07:00 (23/10 âm lịch) tin-toi skipped (quiet hours 21:30–05:00)
            2026-12-02T04:59:00+07:00 (24/10 âm lịch) tin-toi skipped (quiet hours 21:30–05:00)

            """)
        let json = try CLI.run("schedule", "next", path, "--id", "dem", "--from", "2026-12-01T00:00:00+07:00",
                               "--count", "1", "--json")
        let entries = try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [[String: Any]]
        #expect(entries?.first?["airs"] as? Bool == false)
        #expect(entries?.first?["skipped"] as? String == "quiet hours 21:30–05:00")
        // A site that plays priority bulletins through quiet hours airs 'dem'.
        let playing = try CLI.run("schedule", "next", path, "--id", "dem", "--from", "2026-12-01T00:00:00+07:00",
                                  "--count", "1", "--priority-in-quiet-hours", "play")
        #expect(playing.standardOutput == "2026-12-07T23:00:00+07:00 (29/10 âm lịch) dem\n")
    }

    @Test("check accepts the file but warns, with line and key, about silenced times and an ended programme")
    func checkWarns() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("dem.yaml")
        try Self.file.write(toFile: path, atomically: true, encoding: .utf8)
        let check = try CLI.run("schedule", "check", path)
        #expect(check.status == 0, "\(check.standardError)")
        #expect(check.standardOutput.contains("\(path): ok (3 programmes, time zone Asia/Ho_Chi_Minh, 3 warnings)"))
        let lines = check.standardError.split(separator: "\n").map(String.init)
        #expect(lines.contains("\(path):7: warning: programmes[0].at: programme 'tin-toi' at 04:59, 22:00 falls in "
                               + "quiet hours 21:30–05:00: those airings are always skipped"), "\(lines)")
        #expect(lines.contains("\(path):12: warning: programmes[1].at: every airing of programme 'dem' (23:00) "
                               + "falls in quiet hours 21:30–05:00: it never airs"), "\(lines)")
        #expect(lines.contains("\(path):17: warning: programmes[2].until: 2020-01-01 has passed; programme "
                               + "'mua-cu' never airs again"), "\(lines)")
        let playing = try CLI.run("schedule", "check", path, "--priority-in-quiet-hours", "play")
        #expect(!playing.standardError.contains("'dem'"))
    }

    @Test("a YAML syntax error is reported alone, without a false 'programmes: missing'")
    func syntaxErrorAlone() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("hong.yaml")
        try "programmes:\n  - id: [tin-sang\n    media: chuong\n".write(toFile: path, atomically: true, encoding: .utf8)
        let check = try CLI.run("schedule", "check", path)
        #expect(check.status == 1)
        #expect(check.standardError.contains("\(path):"))
        #expect(check.standardError.contains("not valid YAML"))
        #expect(!check.standardError.contains("missing"), "\(check.standardError)")
    }
}
