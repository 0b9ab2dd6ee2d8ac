import CommuneCastTesting
import Foundation
import Synchronization
import Testing

/// Issue 12: `schedule add` costs time in proportion to the new file, not to what the site already holds, and the
/// programmes a schedule and a site may hold are capped with a clear error.
@Suite("communecastd: the cost and the limits of adding schedules", .serialized)
struct DaemonScheduleLimitTests {
    private static let days = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]

    /// A schedule of `count` programmes, programme k airing weekly at minute `first + k` of the week, so none clash.
    static func programmes(from first: Int, count: Int, prefix: String = "p") -> String {
        var text = "programmes:\n"
        for slot in first..<(first + count) {
            let (day, minute) = slot.quotientAndRemainder(dividingBy: 24 * 60)
            text += "  - {id: \(prefix)\(slot), media: ban-tin, days: [\(days[day % 7])], "
                + String(format: "at: [\"%02d:%02d\"]}\n", minute / 60, minute % 60)
        }
        return text
    }

    /// Adds `yaml` as `name` through the CLI and returns the daemon's CPU seconds it took.
    private static func timedAdd(_ daemon: DaemonHarness, _ name: String, _ yaml: String) throws -> Double {
        let file = daemon.directory.file("\(name).yaml")
        try yaml.write(toFile: file, atomically: true, encoding: .utf8)
        let before = try daemon.cpuSeconds()
        let added = try daemon.cli(["schedule", "add", file, "--name", name])
        guard added.status == 0 else { throw HarnessError("schedule add \(name) failed: \(added.standardError)") }
        return try daemon.cpuSeconds() - before
    }

    @Test("adding 250 programmes costs about the same on a site of 2,700 as on an empty one")
    func addingIsLinearInTheNewFile() throws {
        let daemon = try DaemonScheduleTests.daemonWithMedia()
        defer { daemon.cleanUp() }
        let alone = try Self.timedAdd(daemon, "first", Self.programmes(from: 0, count: 250))
        #expect(try daemon.cli(["schedule", "rm", "first"]).status == 0)

        // 2,700 programmes in files, read by a reload, then the background index of what is in force.
        for part in 0..<5 {
            try daemon.writeSchedule("file\(part)", Self.programmes(from: 250 + 540 * part, count: 540))
        }
        let upkept = daemon.log.components(separatedBy: "schedule upkeep done").count
        #expect(try daemon.cli(["schedule", "reload"]).status == 0)
        #expect(daemon.wait(timeout: 120) { daemon.log.components(separatedBy: "schedule upkeep done").count > upkept },
                "\(daemon.log.suffix(2_000))")

        let crowded = try Self.timedAdd(daemon, "more", Self.programmes(from: 2_950, count: 250, prefix: "q"))
        #expect(crowded < 3 * alone + 0.5, "250 programmes took \(crowded) s of CPU on 2,700, \(alone) s alone")
        let list = try daemon.json(["schedule", "list"]) as? [[String: Any]] ?? []
        #expect(list.count == 6)
    }

    @Test("four adds at once each get their turn and all take effect")
    func parallelAdds() throws {
        let daemon = try DaemonScheduleTests.daemonWithMedia()
        defer { daemon.cleanUp() }
        let group = DispatchGroup()
        let statuses = Mutex<[Int32]>([])
        for part in 0..<4 {
            let file = daemon.directory.file("par\(part).yaml")
            try Self.programmes(from: 400 * part, count: 400).write(toFile: file, atomically: true, encoding: .utf8)
            group.enter()
            DispatchQueue.global().async {
                let status = (try? daemon.cli(["schedule", "add", file, "--name", "par\(part)"]).status) ?? -1
                statuses.withLock { $0.append(status) }
                group.leave()
            }
        }
        group.wait()
        #expect(statuses.withLock { $0 } == [0, 0, 0, 0])
        let shown = try daemon.json(["schedule", "list"]) as? [[String: Any]] ?? []
        #expect(shown.compactMap { ($0["programmes"] as? [Any])?.count }.reduce(0, +) == 1_600)
    }

    @Test("a schedule or a site past its programme limit is refused with the limit and the key that sets it")
    func limits() throws {
        let daemon = try DaemonScheduleTests.daemonWithMedia(extraConfiguration: """
            schedules:
              max_programmes_per_schedule: 50
              max_programmes_per_site: 80
            """)
        defer { daemon.cleanUp() }
        let file = daemon.directory.file("big.yaml")
        try Self.programmes(from: 0, count: 51).write(toFile: file, atomically: true, encoding: .utf8)
        let tooBig = try daemon.cli(["schedule", "add", file, "--name", "big"])
        #expect(tooBig.status == 1)
        #expect(tooBig.standardError.contains("schedule 'big' has 51 programmes; a schedule may hold at most 50 "
                                              + "(schedules.max_programmes_per_schedule in communecastd.yaml)"),
                "\(tooBig.standardError)")

        try Self.programmes(from: 0, count: 50).write(toFile: file, atomically: true, encoding: .utf8)
        #expect(try daemon.cli(["schedule", "add", file, "--name", "big"]).status == 0)
        try Self.programmes(from: 100, count: 31, prefix: "q").write(toFile: file, atomically: true, encoding: .utf8)
        let site = try daemon.cli(["schedule", "add", file, "--name", "more"])
        #expect(site.status == 1)
        #expect(site.standardError.contains("schedule 'more' has 31 programmes and the site already has 50; a site "
                                            + "may hold at most 80 (schedules.max_programmes_per_site"),
                "\(site.standardError)")

        // A file past the limit is not loaded, and says why.
        try daemon.writeSchedule("huge", Self.programmes(from: 200, count: 60, prefix: "f"))
        let reload = try daemon.cli(["schedule", "reload"])
        #expect(reload.status == 1)
        #expect(reload.standardError.contains("huge.yaml has 60 programmes; a schedule may hold at most 50"),
                "\(reload.standardError)")
        #expect(reload.standardError.contains("(\(daemon.schedules)/huge.yaml: not loaded)"))
    }
}
