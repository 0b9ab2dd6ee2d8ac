import Testing
@testable import Scheduling

/// The HOURLY and MINUTELY examples of RFC 5545 §3.8.5.3, in America/New_York.
@Suite("RFC 5545 examples: hourly and minutely")
struct RFC5545ClockExampleTests {
    /// The RFC prints UNTIL=19970902T170000Z, which is 13:00 EDT and would end before the 15:00 it lists; the
    /// erratum-free reading of its intent (until 17:00 local) is 21:00 UTC.
    @Test("every 3 hours from 09:00 to 17:00 on one day")
    func everyThreeHours() throws {
        let all = try TestSupport.expand("FREQ=HOURLY;INTERVAL=3;UNTIL=19970902T210000Z", start: "1997-09-02T09:00:00")
        #expect(all == ["1997-09-02T09:00:00-04:00", "1997-09-02T12:00:00-04:00", "1997-09-02T15:00:00-04:00"])
        let literal = try TestSupport.expand("FREQ=HOURLY;INTERVAL=3;UNTIL=19970902T170000Z",
                                             start: "1997-09-02T09:00:00")
        #expect(literal == ["1997-09-02T09:00:00-04:00", "1997-09-02T12:00:00-04:00"])
    }

    @Test("every 15 minutes for 6 occurrences")
    func everyFifteenMinutes() throws {
        let all = try TestSupport.expand("FREQ=MINUTELY;INTERVAL=15;COUNT=6", start: "1997-09-02T09:00:00")
        let times = all.map { String($0.dropFirst(11).prefix(5)) }
        #expect(times == ["09:00", "09:15", "09:30", "09:45", "10:00", "10:15"])
    }

    @Test("every hour and a half for 4 occurrences")
    func everyNinetyMinutes() throws {
        let all = try TestSupport.expand("FREQ=MINUTELY;INTERVAL=90;COUNT=4", start: "1997-09-02T09:00:00")
        #expect(all.map { String($0.dropFirst(11).prefix(5)) } == ["09:00", "10:30", "12:00", "13:30"])
    }

    @Test("every 20 minutes from 09:00 to 16:40 every day, in the RFC's MINUTELY form")
    func everyTwentyMinutesMinutely() throws {
        let minutely = try TestSupport.expand(
            "FREQ=MINUTELY;INTERVAL=20;BYHOUR=9,10,11,12,13,14,15,16", start: "1997-09-02T09:00:00", limit: 48
        )
        let daily = try TestSupport.expand(
            "FREQ=DAILY;BYHOUR=9,10,11,12,13,14,15,16;BYMINUTE=0,20,40", start: "1997-09-02T09:00:00", limit: 48
        )
        #expect(minutely == daily)
        #expect(minutely[23] == "1997-09-02T16:40:00-04:00")
        #expect(minutely[24] == "1997-09-03T09:00:00-04:00")
    }

    @Test("HOURLY keeps wall-clock hours across a fall-back change and BYSETPOS picks inside each hour")
    func hourlyAcrossFallBack() throws {
        let all = try TestSupport.expand("FREQ=HOURLY;COUNT=4", start: "1997-10-26T00:00:00")
        #expect(all == [
            "1997-10-26T00:00:00-04:00", "1997-10-26T01:00:00-04:00", "1997-10-26T02:00:00-05:00",
            "1997-10-26T03:00:00-05:00",
        ])
        let last = try TestSupport.expand("FREQ=HOURLY;BYMINUTE=0,15,30,45;BYSETPOS=-1;COUNT=2",
                                          start: "1997-09-02T09:00:00")
        #expect(last == ["1997-09-02T09:45:00-04:00", "1997-09-02T10:45:00-04:00"])
    }
}
