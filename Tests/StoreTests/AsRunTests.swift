import Foundation
import Testing
@testable import Store

/// The as-run log: append and update, range queries with limits, local days, the last alert outcome.
@Suite("As-run log")
struct AsRunTests {
    @Test("append assigns increasing ids and update rewrites the entry")
    func appendAssignsIdsAndUpdateRewrites() throws {
        let store = try Fixture.store()
        var entry = Fixture.asRun(startedAt: Fixture.epoch)
        entry.outcome = .started
        entry.endedAt = nil
        let first = try store.appendAsRun(entry)
        let second = try store.appendAsRun(entry)
        #expect(first.id != nil)
        #expect(second.id == first.id.map { $0 + 1 })

        var ended = first
        ended.outcome = .preempted
        ended.endedAt = Fixture.epoch.addingTimeInterval(12.345)
        ended.positionSeconds = 12.345
        ended.reason = "preempted by alert:LU-01"
        try store.updateAsRun(ended)
        #expect(try store.asRun() == [ended, second])
    }

    @Test("update needs an id that exists")
    func updateNeedsAKnownId() throws {
        let store = try Fixture.store()
        let entry = Fixture.asRun(startedAt: Fixture.epoch)
        #expect(throws: StoreError.self) {
            try store.updateAsRun(entry)
        }
        var unknown = entry
        unknown.id = 42
        #expect(throws: StoreError.notFound(what: "as-run entry", name: "42")) {
            try store.updateAsRun(unknown)
        }
    }

    @Test("an entry with neither plannedAt nor startedAt is refused")
    func entryWithoutATimeIsRefused() throws {
        let store = try Fixture.store()
        let timeless = AsRunEntry(level: .normal, source: "play:1", outcome: .failed)
        #expect(throws: StoreError.self) {
            try store.appendAsRun(timeless)
        }
    }

    @Test("ranges are [since, until), ascending, and use plannedAt for items that never started")
    func rangeIsHalfOpenOrderedAndUsesPlannedTimeForItemsThatNeverStarted() throws {
        let store = try Fixture.store()
        let base = Fixture.epoch
        var missed = AsRunEntry(plannedAt: base.addingTimeInterval(150), level: .normal, source: "schedule:noon",
                                outcome: .missed, reason: "daemon was down")
        missed = try store.appendAsRun(missed)
        let aired = try [0.0, 100, 200, 300].map { offset in
            try store.appendAsRun(Fixture.asRun(startedAt: base.addingTimeInterval(offset)))
        }

        let window = try store.asRun(since: base.addingTimeInterval(100), until: base.addingTimeInterval(300))
        #expect(window == [aired[1], missed, aired[2]])
        #expect(try store.asRun(since: base.addingTimeInterval(300)) == [aired[3]])
        #expect(try store.asRun(until: base.addingTimeInterval(100)) == [aired[0]])
    }

    @Test("the limit keeps the oldest entries and is clamped to 1…10 000")
    func limitIsAppliedAndClamped() throws {
        let store = try Fixture.store()
        for offset in 0..<5 {
            try store.appendAsRun(Fixture.asRun(startedAt: Fixture.epoch.addingTimeInterval(Double(offset))))
        }
        #expect(try store.asRun(limit: 2).map(\.startedAt) == [Fixture.epoch, Fixture.epoch.addingTimeInterval(1)])
        #expect(try store.asRun(limit: 0).count == 1)
        #expect(try store.asRun(limit: 1_000_000).count == 5)
    }

    @Test("one local day in Asia/Ho_Chi_Minh runs from local midnight to midnight")
    func oneLocalDay() throws {
        let store = try Fixture.store()
        let hanoi = try #require(TimeZone(identifier: "Asia/Ho_Chi_Minh"))
        let calendar = { () -> Calendar in
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = hanoi
            return calendar
        }()
        let midnight = try #require(calendar.date(from: DateComponents(year: 2025, month: 7, day: 14)))
        let times = [-1.0, 0, 5.5 * 3600, 86_399.999, 86_400].map { midnight.addingTimeInterval($0) }
        for time in times {
            try store.appendAsRun(Fixture.asRun(startedAt: time))
        }
        let noon = midnight.addingTimeInterval(12 * 3600)
        let found = try store.asRun(day: noon, timeZone: hanoi).compactMap(\.startedAt)
        #expect(found.map { ($0.timeIntervalSince(midnight) * 1000).rounded() } == [0, 19_800_000, 86_399_999])
    }

    @Test("entries left on air by a crash are marked interrupted; finished and never-started ones are left alone")
    func marksInterrupted() throws {
        let store = try Fixture.store()
        var onAir = Fixture.asRun(startedAt: Fixture.epoch)
        onAir.outcome = .started
        onAir.endedAt = nil
        onAir.programmeID = "tin-sang"
        onAir.plannedAt = Fixture.epoch
        var continued = onAir
        continued.outcome = .resumed
        continued.reason = "resumed at 3.0 s"
        continued.programmeID = nil
        var finished = continued
        finished.endedAt = Fixture.epoch.addingTimeInterval(9)
        let missed = AsRunEntry(plannedAt: Fixture.epoch, level: .normal, source: "schedule:tin-trua",
                                outcome: .missed, programmeID: "tin-trua")
        let ids = try [onAir, continued, finished, missed].map { try store.appendAsRun($0).id }

        let marked = try store.markInterruptedAsRun(reason: "interrupted: the daemon stopped")
        #expect(marked.map(\.id) == [ids[0], ids[1]])
        let log = try store.asRun()
        #expect(log.map(\.outcome) == [.interrupted, .interrupted, .resumed, .missed])
        #expect(log[0].reason == "interrupted: the daemon stopped")
        #expect(log[1].reason == "resumed at 3.0 s; interrupted: the daemon stopped")
        #expect(log[0].startedAt == Fixture.epoch && log[0].endedAt == nil)
        #expect(try store.markInterruptedAsRun(reason: "again").isEmpty, "a second start finds nothing open")

        #expect(try store.asRunOutcomes(programmeID: "tin-sang", plannedAt: Fixture.epoch) == [.interrupted])
        #expect(try store.asRunOutcomes(programmeID: "tin-sang", plannedAt: Fixture.epoch.addingTimeInterval(1))
                    .isEmpty)
        #expect(try store.asRunOutcomes(programmeID: "tin-trua", plannedAt: Fixture.epoch) == [.missed])
        #expect(try store.asRunOutcomes(programmeID: "khac", plannedAt: Fixture.epoch).isEmpty)
    }
}
