import CommuneCastTesting
import Foundation
import Testing

/// Issue 12: the daemon reads schedule files with more rights than the people who write them or ask for a reload, so
/// it never follows a link out of the schedules directory, reads only regular files of bounded size, and never
/// copies a file's content into an error. Driven by a TLS operator's `schedule reload`, as in the probe.
@Suite("communecastd: schedule files are read inside their directory, and never echoed", .serialized)
struct DaemonScheduleFileSafetyTests {
    /// Lines shaped like /etc/shadow's, whose every line ends in ':' and so reads as a YAML key.
    static let secret = """
        root:$6$Zq9sEcReT$k3yHa5hLeAk3dSh4d0w:19700:0:99999:7:::
        daemon:*:19700:0:99999:7:::

        """

    @Test("a link to a file outside the directory is refused by name, without a byte of what it points to")
    func linkOutside() throws {
        let site = try TLSSite()
        defer { site.cleanUp() }
        let outside = site.daemon.directory.file("shadow")
        try Self.secret.write(toFile: outside, atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: "\(site.daemon.schedules)/leak.yaml",
                                                   withDestinationPath: outside)
        try FileManager.default.createSymbolicLink(atPath: "\(site.daemon.schedules)/dots.yaml",
                                                   withDestinationPath: "../shadow")
        let reload = try site.cli(["schedule", "reload", "--json"], as: "can-bo-xa-an-phu")
        let text = reload.standardOutput + reload.standardError
        #expect(text.contains("leak.yaml") && text.contains("dots.yaml"), "\(text)")
        #expect(text.contains("symbolic link that leads outside the schedules directory"), "\(text)")
        for fragment in ["root", "daemon", "$6$", "19700", "99999", outside] {
            #expect(!text.contains(fragment), "the reply quotes '\(fragment)': \(text)")
        }
        #expect(!site.daemon.log.contains("Zq9sEcReT") && !site.daemon.log.contains("daemon:*"))
    }

    @Test("a link inside the directory is followed; a FIFO, a directory and an oversize file are refused at once")
    func otherFiles() throws {
        let daemon = try DaemonScheduleTests.daemonWithMedia()
        defer { daemon.cleanUp() }
        let due = ScheduleSupport.instant(in: 3_600)
        try FileManager.default.createDirectory(atPath: "\(daemon.schedules)/real", withIntermediateDirectories: true)
        try ScheduleSupport.yaml([("sang", "ban-tin", due, "")])
            .write(toFile: "\(daemon.schedules)/real/sang.txt", atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: "\(daemon.schedules)/sang.yaml",
                                                   withDestinationPath: "real/sang.txt")
        #expect(mkfifo("\(daemon.schedules)/pipe.yaml", 0o600) == 0)
        try FileManager.default.createDirectory(atPath: "\(daemon.schedules)/folder.yaml",
                                                withIntermediateDirectories: true)
        let big = "# " + String(repeating: "x", count: 1_100_000) + "\n"
        try big.write(toFile: "\(daemon.schedules)/big.yaml", atomically: true, encoding: .utf8)

        let reload = try daemon.cli(["schedule", "reload", "--json"])
        let reply = (try? JSONSerialization.jsonObject(with: Data(reload.standardOutput.utf8))) as? [String: Any]
        let problems = (reply?["problems"] as? [String] ?? []).joined(separator: "\n")
        #expect((reply?["schedules"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == ["sang"],
                "\(reload.standardOutput) \(reload.standardError)")
        #expect(problems.contains("pipe.yaml: not a regular file"), "\(problems)")
        #expect(problems.contains("folder.yaml: not a regular file"), "\(problems)")
        #expect(problems.contains("big.yaml: 1100003 bytes; a schedule file may hold at most 1048576 bytes"),
                "\(problems)")
        #expect(!problems.contains("xxxx"))
    }

    @Test("problems in a schedule file name the line and the key, and quote only what looks like a setting")
    func problemsDoNotEcho() throws {
        let daemon = try DaemonScheduleTests.daemonWithMedia()
        defer { daemon.cleanUp() }
        try (Self.secret + "timezone: \"$ecret*zone\"\n").write(toFile: "\(daemon.schedules)/bad.yaml",
                                                              atomically: true, encoding: .utf8)
        try """
            programmes:
              - {id: a, media: ban-tin, rrule: "FREQ=DAILY;COUNT=abc", start: "2030-01-01T05:00:00"}
              - {id: b, media: ban-tin, days: [mon], at: ["25:61"], bogus_key: 1}
              - {id: c, media: ban-tin, days: [mon], at: ["05:00"], max_late: "p@ss:w0rd!"}
              - {id: d, media: ban-tin, rrule: "FREQ=DAILY;X=<script>", start: "2030-01-01T05:00:00"}

            """.write(toFile: "\(daemon.schedules)/typo.yaml", atomically: true, encoding: .utf8)
        try "programmes: [ {id: x\n  - : ][".write(toFile: "\(daemon.schedules)/broken.yaml", atomically: true,
                                                   encoding: .utf8)
        let reload = try daemon.cli(["schedule", "reload"])
        let text = reload.standardError + reload.standardOutput
        for fragment in ["root", "$6$", "Zq9sEcReT", "$ecret", "p@ss", "<script>", "{id: x"] {
            #expect(!text.contains(fragment), "the reply quotes '\(fragment)': \(text)")
        }
        #expect(text.contains("bad.yaml:1: not a key: value entry of this file"), "\(text)")
        #expect(text.contains("bad.yaml:2: not a key: value entry of this file"), "\(text)")
        #expect(text.contains("bad.yaml:3: timezone: a value that is not shown"), "\(text)")
        // One problem for the bad COUNT, not also "start: unknown key".
        let first = text.split(separator: "\n").filter { $0.contains("typo.yaml:2") }
        #expect(first.count == 1 && first[0].contains("programmes[0].rrule: COUNT=ABC is not a whole number"),
                "\(first)")
        #expect(!text.contains("start: unknown key"), "\(text)")
        #expect(text.contains("typo.yaml:3: programmes[1].at: '25:61' is not a time"), "\(text)")
        #expect(text.contains("typo.yaml:3: programmes[1].bogus_key: unknown key"), "\(text)")
        #expect(text.contains("programmes[2].max_late: expected a number in seconds, got a value that is not shown"),
                "\(text)")
        #expect(text.contains("programmes[3].rrule: not an RRULE"), "\(text)")
        #expect(text.contains("broken.yaml:") && text.contains("not valid YAML"), "\(text)")
    }
}
