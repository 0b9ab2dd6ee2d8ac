import Testing
@testable import Scheduling

/// BYWEEKNO at the edges of the year, where weeks belong to the neighbouring year (RFC 5545 §3.3.10, ISO 8601
/// with WKST=MO). python-dateutil gets some of these wrong, so they are checked here against ISO week dates.
@Suite("Week numbers at the edges of the year")
struct WeekNumberTests {
    private let zone = "Asia/Ho_Chi_Minh"

    @Test("week 53 exists only in years that have one (2015, 2020, 2026)")
    func week53() throws {
        let days = try TestSupport.days("FREQ=YEARLY;BYWEEKNO=53;BYDAY=MO", start: "2015-01-01T06:00:00", zone: zone,
                                        limit: 3)
        #expect(days == ["2015-12-28", "2020-12-28", "2026-12-28"])
    }

    @Test("week 1 can begin in December of the year before")
    func week1() throws {
        let days = try TestSupport.days("FREQ=YEARLY;BYWEEKNO=1;BYDAY=MO", start: "2019-01-01T06:00:00", zone: zone,
                                        limit: 3)
        #expect(days == ["2019-12-30", "2021-01-04", "2022-01-03"])
    }

    @Test("week -1 is the last week of the week-numbering year, even in January")
    func lastWeek() throws {
        let days = try TestSupport.days("FREQ=YEARLY;BYWEEKNO=-1;BYDAY=SU", start: "2020-06-01T06:00:00", zone: zone,
                                        limit: 3)
        #expect(days == ["2021-01-03", "2022-01-02", "2023-01-01"])
    }

    @Test("WKST=SU moves the weeks: week 1 of 2026 starts on Sunday 4 January")
    func sundayWeeks() throws {
        let days = try TestSupport.days("FREQ=YEARLY;BYWEEKNO=1;WKST=SU", start: "2026-01-01T06:00:00", zone: zone,
                                        limit: 7)
        #expect(days == ["2026-01-04", "2026-01-05", "2026-01-06", "2026-01-07", "2026-01-08", "2026-01-09",
                         "2026-01-10"])
    }
}
