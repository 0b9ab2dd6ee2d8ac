import Foundation
import ScheduleFormat
import Testing

@Suite("ScheduleDirectory: reading the daemon's schedules directory")
struct ScheduleDirectoryTests {
    private static let good = """
        programmes:
          - id: tin-sang
            media: ban-tin
            days: [mon, tue, wed, thu, fri]
            at: ["05:30"]
        """
    private static let broken = """
        programmes:
          - id: tin-sang
            media: ban-tin
            rrule: FREQ=MONTHLY;BYMONTHDAY=32
            start: 2026-12-01T05:30:00
        """

    private func directory() throws -> String {
        let path = NSTemporaryDirectory() + "schedules-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test("reads every *.yaml, ignores other files, and a missing directory is simply empty")
    func readsYAMLFiles() throws {
        let path = try directory()
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Self.good.write(toFile: "\(path)/xa.yaml", atomically: true, encoding: .utf8)
        try Self.broken.write(toFile: "\(path)/notes.txt", atomically: true, encoding: .utf8)
        try Self.broken.write(toFile: "\(path)/.xa.yaml.swp", atomically: true, encoding: .utf8)
        let reading = ScheduleDirectory.read(path)
        #expect(reading.schedules.keys.sorted() == ["xa"])
        #expect(reading.schedules["xa"]?.schedule.programmes.map(\.id) == ["tin-sang"])
        #expect(reading.schedules["xa"]?.path == "\(path)/xa.yaml")
        #expect(reading.problems.isEmpty)
        #expect(ScheduleDirectory.read("\(path)/none").schedules.isEmpty)
    }

    @Test("a broken file keeps its previous good version, a new broken file is not loaded, a deleted file goes")
    func brokenFiles() throws {
        let path = try directory()
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Self.good.write(toFile: "\(path)/xa.yaml", atomically: true, encoding: .utf8)
        try Self.good.replacingOccurrences(of: "tin-sang", with: "nhac")
            .write(toFile: "\(path)/nhac.yaml", atomically: true, encoding: .utf8)
        let first = ScheduleDirectory.read(path)
        try Self.broken.write(toFile: "\(path)/xa.yaml", atomically: true, encoding: .utf8)
        try Self.broken.write(toFile: "\(path)/moi.yaml", atomically: true, encoding: .utf8)
        try FileManager.default.removeItem(atPath: "\(path)/nhac.yaml")
        let second = ScheduleDirectory.read(path, previous: first.schedules)
        #expect(second.schedules.keys.sorted() == ["xa"])
        #expect(second.schedules["xa"] == first.schedules["xa"])
        #expect(second.problems.count == 2)
        let xa = try #require(second.problems.first { $0.contains("/xa.yaml") })
        #expect(xa.contains("xa.yaml:4") && xa.contains("rrule") && xa.contains("previous version stays in force"))
        let moi = try #require(second.problems.first { $0.contains("/moi.yaml") })
        #expect(moi.contains("not loaded"))
    }
}
