import Foundation
import Testing
@testable import Scheduling

@Suite("Occurrences missed during downtime")
struct LateOccurrenceTests {
    private let schedule = Schedule(programmes: [
        TestSupport.friendly("tin-sang", at: ["05:30"]),
        TestSupport.friendly("nhac", at: ["06:00"]),
    ])

    @Test("each occurrence in (lastRun, now] is classified against max_late")
    func classify() throws {
        let lastRun = TestSupport.instant("2026-12-01T05:00:00+07:00")
        let now = TestSupport.instant("2026-12-01T06:04:00+07:00")
        let late = try schedule.lateOccurrences(since: lastRun, now: now)
        #expect(late.map(\.occurrence.programmeID) == ["tin-sang", "nhac"])
        #expect(late.map(\.disposition) == [.missed, .playLate])
        #expect(late.map(\.lateness) == [34 * 60, 4 * 60])
    }

    @Test("the boundaries: at lastRun is already handled, at now is due, exactly max_late still plays", arguments: [
        ("2026-12-01T05:30:00+07:00", "2026-12-01T05:35:00+07:00", [LateDisposition]()),
        ("2026-12-01T05:29:59+07:00", "2026-12-01T05:30:00+07:00", [.playLate]),
        ("2026-12-01T05:29:59+07:00", "2026-12-01T05:35:00+07:00", [.playLate]),
        ("2026-12-01T05:29:59+07:00", "2026-12-01T05:35:01+07:00", [.missed]),
    ])
    func boundaries(lastRun: String, now: String, expected: [LateDisposition]) throws {
        let late = try schedule.lateOccurrences(since: TestSupport.instant(lastRun), now: TestSupport.instant(now))
        #expect(late.map(\.disposition) == expected)
    }

    @Test("a long outage lists every missed occurrence")
    func longOutage() throws {
        let late = try schedule.lateOccurrences(
            since: TestSupport.instant("2026-12-01T00:00:00+07:00"),
            now: TestSupport.instant("2026-12-04T00:00:00+07:00")
        )
        #expect(late.count == 6)
        #expect(late.allSatisfy { $0.disposition == .missed })
    }

    @Test("a custom max_late is honoured")
    func customMaxLate() throws {
        var patient = TestSupport.friendly("tin-sang", at: ["05:30"])
        patient.maxLate = 3600
        let late = try Schedule(programmes: [patient]).lateOccurrences(
            since: TestSupport.instant("2026-12-01T05:00:00+07:00"),
            now: TestSupport.instant("2026-12-01T06:29:00+07:00")
        )
        #expect(late.map(\.disposition) == [.playLate])
    }
}
