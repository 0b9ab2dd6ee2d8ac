import Foundation
import Testing
@testable import Scheduling

/// Expansion runs on the wall clock; RFC 5545 §3.3.5 then reads a time in a spring-forward gap with the offset
/// before the gap, and a time in a fall-back overlap as its first (daylight-time) occurrence.
@Suite("Daylight-saving transitions of 2026")
struct DaylightSavingTests {
    @Test("New York, 8 March: 02:30 does not exist and becomes 02:30 EST = 03:30 EDT")
    func newYorkSpringForward() throws {
        let all = try TestSupport.expand("FREQ=DAILY;COUNT=3", start: "2026-03-07T02:30:00")
        #expect(all == ["2026-03-07T02:30:00-05:00", "2026-03-08T02:30:00-05:00", "2026-03-09T02:30:00-04:00"])
        #expect(TestSupport.instant(all[1]) == TestSupport.instant("2026-03-08T03:30:00-04:00"))
    }

    @Test("New York, 1 November: 01:30 happens twice and the first (EDT) is chosen")
    func newYorkFallBack() throws {
        let all = try TestSupport.expand("FREQ=DAILY;COUNT=3", start: "2026-10-31T01:30:00")
        #expect(all == ["2026-10-31T01:30:00-04:00", "2026-11-01T01:30:00-04:00", "2026-11-02T01:30:00-05:00"])
    }

    @Test("Berlin, 29 March: 02:30 does not exist and becomes 02:30 CET = 03:30 CEST")
    func berlinSpringForward() throws {
        let all = try TestSupport.expand("FREQ=DAILY;COUNT=3", start: "2026-03-28T02:30:00", zone: "Europe/Berlin")
        #expect(all == ["2026-03-28T02:30:00+01:00", "2026-03-29T02:30:00+01:00", "2026-03-30T02:30:00+02:00"])
        #expect(TestSupport.instant(all[1]) == TestSupport.instant("2026-03-29T03:30:00+02:00"))
    }

    @Test("Berlin, 25 October: 02:30 happens twice and the first (CEST) is chosen")
    func berlinFallBack() throws {
        let all = try TestSupport.expand("FREQ=DAILY;COUNT=3", start: "2026-10-24T02:30:00", zone: "Europe/Berlin")
        #expect(all == ["2026-10-24T02:30:00+02:00", "2026-10-25T02:30:00+02:00", "2026-10-26T02:30:00+01:00"])
    }

    @Test("times just outside the gap and overlap are unaffected", arguments: [
        ("America/New_York", "2026-03-08T01:59:59", "2026-03-08T06:59:59Z"),
        ("America/New_York", "2026-03-08T03:00:00", "2026-03-08T07:00:00Z"),
        ("America/New_York", "2026-11-01T00:59:59", "2026-11-01T04:59:59Z"),
        ("America/New_York", "2026-11-01T02:00:00", "2026-11-01T07:00:00Z"),
        ("Europe/Berlin", "2026-03-29T01:59:59", "2026-03-29T00:59:59Z"),
        ("Europe/Berlin", "2026-03-29T03:00:00", "2026-03-29T01:00:00Z"),
        ("Europe/Berlin", "2026-10-25T01:59:59", "2026-10-24T23:59:59Z"),
        ("Europe/Berlin", "2026-10-25T03:00:00", "2026-10-25T02:00:00Z"),
    ])
    func boundaries(zone: String, local: String, utc: String) {
        let table = TestSupport.zone(zone)
        let expected = Int64(TestSupport.instant(utc).timeIntervalSince1970)
        #expect(table.utcSeconds(forWall: TestSupport.local(local).wallSeconds) == expected)
    }

    @Test("the offset table agrees with Foundation at every hour of 2026", arguments: [
        "America/New_York", "Europe/Berlin", "Asia/Ho_Chi_Minh", "Australia/Lord_Howe",
    ])
    func agreesWithFoundation(identifier: String) throws {
        let zone = try #require(TimeZone(identifier: identifier))
        let table = ZoneOffsets(zone)
        let start = Int64(TestSupport.instant("2026-01-01T00:00:00Z").timeIntervalSince1970)
        for hour in stride(from: Int64(0), to: 366 * 24, by: 1) {
            let utc = start + hour * 3600
            let expected = Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(utc))))
            #expect(table.offset(atUTC: utc) == expected)
            #expect(table.utcSeconds(forWall: utc + expected) <= utc)
        }
    }

    @Test("Vietnam has no DST: 05:30 is always +07:00")
    func vietnam() throws {
        let all = try TestSupport.expand(
            "FREQ=DAILY", start: "2026-01-01T05:30:00", zone: "Asia/Ho_Chi_Minh",
            from: "2026-01-01T00:00:00+07:00", to: "2027-01-01T00:00:00+07:00"
        )
        #expect(all.count == 365)
        #expect(all.allSatisfy { $0.hasSuffix("T05:30:00+07:00") })
    }

    @Test("next airings come out chronologically even when a gap time is moved past a later wall time")
    func nextAroundGap() throws {
        let programme = TestSupport.friendly("dem", at: ["02:50", "03:10"])
        let schedule = Schedule(timezone: "America/New_York", programmes: [programme])
        let next = try schedule.next(count: 2, after: TestSupport.instant("2026-03-08T07:00:00Z"))
        #expect(next.map(\.start) == [
            TestSupport.instant("2026-03-08T07:10:00Z"), TestSupport.instant("2026-03-08T07:50:00Z"),
        ])
    }

    @Test("the friendly form follows the same gap and overlap rules", arguments: [
        ("America/New_York", "02:30", "2026-03-08", "2026-03-08T07:30:00Z"),
        ("America/New_York", "01:30", "2026-11-01", "2026-11-01T05:30:00Z"),
        ("Europe/Berlin", "02:30", "2026-03-29", "2026-03-29T01:30:00Z"),
        ("Europe/Berlin", "02:30", "2026-10-25", "2026-10-25T00:30:00Z"),
    ])
    func friendlyForm(zone: String, time: String, day: String, utc: String) throws {
        var programme = TestSupport.friendly("dem", at: [time])
        programme.from = TestSupport.date(day)
        programme.until = TestSupport.date(day)
        let schedule = Schedule(timezone: zone, programmes: [programme])
        let all = try schedule.occurrences(
            from: TestSupport.instant("2026-01-01T00:00:00Z"), to: TestSupport.instant("2027-01-01T00:00:00Z")
        )
        #expect(all.map(\.start) == [TestSupport.instant(utc)])
    }
}
