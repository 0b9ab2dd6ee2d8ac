import Foundation
import Testing
@testable import Scheduling

@Suite("Schedules")
struct ScheduleTests {
    private let morning = TestSupport.instant("2026-12-01T05:30:00+07:00")

    @Test("occurrences of all programmes merge by start, ties broken by programme id")
    func merged() throws {
        let schedule = Schedule(programmes: [
            TestSupport.friendly("z-tin", at: ["05:30"]),
            TestSupport.friendly("a-nhac", at: ["05:30", "06:00"], level: .priority),
        ])
        let all = try schedule.occurrences(from: morning, to: morning + 3600)
        #expect(all.map(\.programmeID) == ["a-nhac", "z-tin", "a-nhac"])
        #expect(all.map(\.start) == [morning, morning, morning + 1800])
        #expect(all[0].level == .priority)
    }

    @Test("next(count:after:id:) previews one programme or all")
    func next() throws {
        let schedule = Schedule(programmes: [
            TestSupport.friendly("tin-sang", at: ["05:30"]),
            TestSupport.friendly("tin-toi", at: ["17:00"]),
        ])
        let all = try schedule.next(count: 3, after: morning)
        #expect(all.map(\.programmeID) == ["tin-toi", "tin-sang", "tin-toi"])
        let one = try schedule.next(count: 2, after: morning - 1, id: "tin-sang")
        #expect(one.map(\.start) == [morning, morning + 86_400])
    }

    @Test("an unknown time zone is an error naming it")
    func unknownZone() {
        let schedule = Schedule(timezone: "Asia/Ha_Noi_Typo", programmes: [])
        #expect(throws: ScheduleError.unknownTimeZone("Asia/Ha_Noi_Typo")) { try schedule.validate() }
        #expect(ScheduleError.unknownTimeZone("X").description
            == "time zone 'X' is not known: use an IANA name such as Asia/Ho_Chi_Minh")
    }

    @Test("duplicate programme ids are refused")
    func duplicates() {
        let schedule = Schedule(programmes: [
            TestSupport.friendly("tin", at: ["05:30"]), TestSupport.friendly("tin", at: ["06:30"]),
        ])
        #expect(throws: ScheduleError.duplicateProgramme("tin")) { try schedule.validate() }
    }
}
