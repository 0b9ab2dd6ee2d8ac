import Testing
@testable import Scheduling

@Suite("Invalid RRULEs")
struct RRuleErrorTests {
    /// Each rule with the exact message it must be refused with.
    static let invalidRules: [(rule: String, message: String)] = [
        ("FREQ=MONTHLY;BYMONTHDAY=32", "BYMONTHDAY=32 is out of range: use 1…31 or -31…-1"),
        ("FREQ=MONTHLY;BYMONTHDAY=0", "BYMONTHDAY=0 is out of range: use 1…31 or -31…-1"),
        ("FREQ=MONTHLY;BYMONTHDAY=-32", "BYMONTHDAY=-32 is out of range: use 1…31 or -31…-1"),
        ("FREQ=DAILY;COUNT=3;UNTIL=20261231", "COUNT and UNTIL cannot both be given: keep one of them"),
        ("FREQ=WEEKLY;BYDAY=MO,XX", "BYDAY=XX names no weekday: use MO, TU, WE, TH, FR, SA or SU"),
        ("FREQ=WEEKLY;WKST=XX", "WKST=XX names no weekday: use MO, TU, WE, TH, FR, SA or SU"),
        ("FREQ=SECONDLY",
         "FREQ=SECONDLY is not supported: broadcasts repeat at most every minute, use FREQ=MINUTELY"),
        ("FREQ=FORTNIGHTLY",
         "FREQ=FORTNIGHTLY is not supported: use YEARLY, MONTHLY, WEEKLY, DAILY, HOURLY or MINUTELY"),
        ("FREQ=DAILY;BYHOUR=24", "BYHOUR=24 is out of range: use 0…23"),
        ("FREQ=DAILY;BYMINUTE=60", "BYMINUTE=60 is out of range: use 0…59"),
        ("FREQ=DAILY;INTERVAL=0", "INTERVAL=0 is out of range: use a whole number of at least 1"),
        ("FREQ=DAILY;COUNT=0", "COUNT=0 is out of range: use a whole number of at least 1"),
        ("FREQ=DAILY;INTERVAL=2X", "INTERVAL=2X is not a whole number"),
        ("FREQ=WEEKLY;BYDAY=1MO", "BYDAY=1MO has an ordinal, which FREQ=WEEKLY does not allow: "
         + "use a plain weekday, or FREQ=MONTHLY or FREQ=YEARLY"),
        ("FREQ=DAILY;BYDAY=-1FR", "BYDAY=-1FR has an ordinal, which FREQ=DAILY does not allow: "
         + "use a plain weekday, or FREQ=MONTHLY or FREQ=YEARLY"),
        ("FREQ=MONTHLY;BYDAY=6MO", "BYDAY=6MO is out of range: use an ordinal of 1…5 or -5…-1"),
        ("FREQ=MONTHLY;BYDAY=0MO", "BYDAY=0MO is out of range: use an ordinal of 1…5 or -5…-1"),
        ("FREQ=WEEKLY;BYMONTHDAY=1", "BYMONTHDAY cannot be used with FREQ=WEEKLY: use BYDAY, or FREQ=MONTHLY"),
        ("FREQ=DAILY;FREQ=WEEKLY", "FREQ appears more than once: give each part once"),
        ("FREQ=DAILY;BYHOUR=5;BYHOUR=6", "BYHOUR appears more than once: give each part once"),
        ("BYDAY=MO", "the RRULE has no FREQ: add FREQ=YEARLY, MONTHLY, WEEKLY, DAILY, HOURLY or MINUTELY"),
        ("", "the RRULE is empty: write at least FREQ=DAILY, FREQ=WEEKLY or FREQ=MONTHLY"),
        ("FREQ=DAILY;;COUNT=2", "'' is not a NAME=VALUE part: separate parts with ';', e.g. FREQ=WEEKLY;BYDAY=MO"),
        ("FREQ", "'FREQ' is not a NAME=VALUE part: separate parts with ';', e.g. FREQ=WEEKLY;BYDAY=MO"),
        ("FREQ=DAILY;BYHOUR=",
         "'BYHOUR=' is not a NAME=VALUE part: separate parts with ';', e.g. FREQ=WEEKLY;BYDAY=MO"),
        ("FREQ=DAILY;BYHOUR=5,,6",
         "'BYHOUR=5,,6' is not a NAME=VALUE part: separate parts with ';', e.g. FREQ=WEEKLY;BYDAY=MO"),
        ("FREQ=MONTHLY;BYSETPOS=1", "BYSETPOS has nothing to select from: add the BYDAY, BYMONTHDAY, BYMONTH, "
         + "BYHOUR or other BY part it picks from, e.g. FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1 "
         + "for the last weekday"),
        ("FREQ=MONTHLY;BYEASTER=0", "BYEASTER is not an RRULE part: use FREQ, INTERVAL, COUNT, UNTIL, WKST, BYMONTH, "
         + "BYWEEKNO, BYYEARDAY, BYMONTHDAY, BYDAY, BYHOUR, BYMINUTE, BYSECOND, BYSETPOS, RSCALE or SKIP"),
        ("FREQ=MONTHLY;BYWEEKNO=20",
         "BYWEEKNO cannot be used with FREQ=MONTHLY: week numbers only work with FREQ=YEARLY"),
        ("FREQ=WEEKLY;BYYEARDAY=100", "BYYEARDAY cannot be used with FREQ=WEEKLY: use it with FREQ=YEARLY, HOURLY or "
         + "MINUTELY, or use BYMONTH with BYMONTHDAY"),
        ("FREQ=YEARLY;BYWEEKNO=20;BYDAY=1MO", "BYDAY=1MO has an ordinal, which cannot be combined with BYWEEKNO: "
         + "use a plain weekday inside the numbered weeks"),
        ("FREQ=YEARLY;BYDAY=54MO", "BYDAY=54MO is out of range: use an ordinal of 1…53 or -53…-1"),
        ("FREQ=YEARLY;BYMONTH=13", "BYMONTH=13 is out of range: use 1…12"),
        ("FREQ=YEARLY;BYYEARDAY=0", "BYYEARDAY=0 is out of range: use 1…366 or -366…-1"),
        ("FREQ=YEARLY;BYWEEKNO=54", "BYWEEKNO=54 is out of range: use 1…53 or -53…-1"),
        ("FREQ=DAILY;BYSECOND=60", "BYSECOND=60 is out of range: use 0…59"),
        ("FREQ=MONTHLY;BYDAY=MO;BYSETPOS=367", "BYSETPOS=367 is out of range: use 1…366 or -366…-1"),
        ("FREQ=YEARLY;BYMONTH=3L",
         "BYMONTH=3L names a leap month, which only the lunar calendar has: add RSCALE=VIETNAMESE"),
        ("RSCALE=CHINESE;FREQ=YEARLY", "RSCALE=CHINESE is not supported: use RSCALE=VIETNAMESE for the Vietnamese "
         + "lunar calendar (âm lịch, UTC+7) or RSCALE=GREGORIAN"),
        ("FREQ=YEARLY;SKIP=BACKWARD", "SKIP needs RSCALE (RFC 7529): add RSCALE=VIETNAMESE or RSCALE=GREGORIAN"),
        ("RSCALE=GREGORIAN;FREQ=YEARLY;SKIP=LATER", "SKIP=LATER is not supported: use OMIT, BACKWARD or FORWARD"),
        ("RSCALE=VIETNAMESE;FREQ=MONTHLY;BYMONTHDAY=31",
         "BYMONTHDAY=31 is out of range: use 1…30 or -30…-1 (lunar months have 29 or 30 days)"),
        ("RSCALE=VIETNAMESE;FREQ=YEARLY;BYMONTH=13;BYMONTHDAY=1",
         "BYMONTH=13 is out of range: use 1…12, or 1L…12L for a leap month"),
        ("RSCALE=VIETNAMESE;FREQ=WEEKLY",
         "FREQ=WEEKLY cannot be used with RSCALE=VIETNAMESE: use FREQ=YEARLY, MONTHLY or DAILY"),
        ("RSCALE=VIETNAMESE;FREQ=YEARLY;BYYEARDAY=1",
         "BYYEARDAY cannot be used with RSCALE=VIETNAMESE: name the day with BYMONTH and BYMONTHDAY"),
        ("RSCALE=VIETNAMESE;FREQ=MONTHLY;BYDAY=1MO",
         "BYDAY=1MO cannot be used with RSCALE=VIETNAMESE: use plain weekdays such as BYDAY=MO"),
        ("RSCALE=VIETNAMESE;FREQ=DAILY;SKIP=FORWARD", "SKIP=FORWARD only moves the dates FREQ=YEARLY and MONTHLY "
         + "generate: remove it, or use SKIP=OMIT"),
        ("RSCALE=VIETNAMESE;FREQ=MONTHLY;BYMONTH=4L;SKIP=BACKWARD", "SKIP=BACKWARD with the leap month BYMONTH=4L "
         + "needs FREQ=YEARLY: with FREQ=MONTHLY a year without that leap month simply has no such month"),
        ("FREQ=DAILY;UNTIL=2026-12-31",
         "UNTIL=2026-12-31 is not a date or date-time: write YYYYMMDD, YYYYMMDDTHHMMSS or YYYYMMDDTHHMMSSZ"),
        ("FREQ=DAILY;UNTIL=20270229",
         "UNTIL=20270229 is not a date or date-time: write YYYYMMDD, YYYYMMDDTHHMMSS or YYYYMMDDTHHMMSSZ"),
    ]

    @Test("each invalid rule is refused with a message naming the part", arguments: invalidRules)
    func invalid(rule: String, message: String) {
        #expect {
            try RecurrenceRule(parsing: rule)
        } throws: { error in
            (error as? RRuleError)?.description == message
        }
    }

    @Test("parsing is case-insensitive, accepts an RRULE: prefix and round-trips to canonical text")
    func canonicalText() throws {
        let text = " rrule:freq=monthly;byday=-1fr,2tu;byhour=19;wkst=su;until=20261231T235959Z "
        let rule = try RecurrenceRule(parsing: text)
        #expect(rule.description == "FREQ=MONTHLY;BYDAY=-1FR,2TU;BYHOUR=19;UNTIL=20261231T235959Z;WKST=SU")
        #expect(try RecurrenceRule(parsing: rule.description) == rule)
        #expect(rule.until == .utc(TestSupport.local("2026-12-31T23:59:59")))
    }

    @Test("the three UNTIL forms parse to distinct meanings", arguments: [
        ("20261231", RecurrenceRule.Until.date(TestSupport.date("2026-12-31"))),
        ("20261231T235959", .local(TestSupport.local("2026-12-31T23:59:59"))),
        ("20261231T235959Z", .utc(TestSupport.local("2026-12-31T23:59:59"))),
    ])
    func untilForms(text: String, expected: RecurrenceRule.Until) throws {
        let rule = try RecurrenceRule(parsing: "FREQ=DAILY;UNTIL=\(text)")
        #expect(rule.until == expected)
        #expect(rule.until?.description == text)
    }
}
