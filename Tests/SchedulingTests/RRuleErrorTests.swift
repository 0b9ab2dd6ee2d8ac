import Testing
@testable import Scheduling

@Suite("Invalid RRULEs")
struct RRuleErrorTests {
    @Test("each invalid rule is refused with a message naming the part", arguments: [
        ("FREQ=MONTHLY;BYMONTHDAY=32", "BYMONTHDAY=32 is out of range: use 1…31 or -31…-1"),
        ("FREQ=MONTHLY;BYMONTHDAY=0", "BYMONTHDAY=0 is out of range: use 1…31 or -31…-1"),
        ("FREQ=MONTHLY;BYMONTHDAY=-32", "BYMONTHDAY=-32 is out of range: use 1…31 or -31…-1"),
        ("FREQ=DAILY;COUNT=3;UNTIL=20261231", "COUNT and UNTIL cannot both be given: keep one of them"),
        ("FREQ=WEEKLY;BYDAY=MO,XX", "BYDAY=XX names no weekday: use MO, TU, WE, TH, FR, SA or SU"),
        ("FREQ=WEEKLY;WKST=XX", "WKST=XX names no weekday: use MO, TU, WE, TH, FR, SA or SU"),
        ("FREQ=YEARLY", "FREQ=YEARLY is not supported: use DAILY, WEEKLY or MONTHLY"),
        ("FREQ=HOURLY", "FREQ=HOURLY is not supported: use DAILY, WEEKLY or MONTHLY"),
        ("FREQ=DAILY;BYHOUR=24", "BYHOUR=24 is out of range: use 0…23"),
        ("FREQ=DAILY;BYMINUTE=60", "BYMINUTE=60 is out of range: use 0…59"),
        ("FREQ=DAILY;INTERVAL=0", "INTERVAL=0 is out of range: use a whole number of at least 1"),
        ("FREQ=DAILY;COUNT=0", "COUNT=0 is out of range: use a whole number of at least 1"),
        ("FREQ=DAILY;INTERVAL=2X", "INTERVAL=2X is not a whole number"),
        ("FREQ=WEEKLY;BYDAY=1MO",
         "BYDAY=1MO has an ordinal, which FREQ=WEEKLY does not allow: use a plain weekday, or FREQ=MONTHLY"),
        ("FREQ=DAILY;BYDAY=-1FR",
         "BYDAY=-1FR has an ordinal, which FREQ=DAILY does not allow: use a plain weekday, or FREQ=MONTHLY"),
        ("FREQ=MONTHLY;BYDAY=6MO", "BYDAY=6MO is out of range: use an ordinal of 1…5 or -5…-1"),
        ("FREQ=MONTHLY;BYDAY=0MO", "BYDAY=0MO is out of range: use an ordinal of 1…5 or -5…-1"),
        ("FREQ=WEEKLY;BYMONTHDAY=1", "BYMONTHDAY cannot be used with FREQ=WEEKLY: use BYDAY, or FREQ=MONTHLY"),
        ("FREQ=DAILY;FREQ=WEEKLY", "FREQ appears more than once: give each part once"),
        ("FREQ=DAILY;BYHOUR=5;BYHOUR=6", "BYHOUR appears more than once: give each part once"),
        ("BYDAY=MO", "the RRULE has no FREQ: add FREQ=DAILY, FREQ=WEEKLY or FREQ=MONTHLY"),
        ("", "the RRULE is empty: write at least FREQ=DAILY, FREQ=WEEKLY or FREQ=MONTHLY"),
        ("FREQ=DAILY;;COUNT=2", "'' is not a NAME=VALUE part: separate parts with ';', e.g. FREQ=WEEKLY;BYDAY=MO"),
        ("FREQ", "'FREQ' is not a NAME=VALUE part: separate parts with ';', e.g. FREQ=WEEKLY;BYDAY=MO"),
        ("FREQ=DAILY;BYHOUR=",
         "'BYHOUR=' is not a NAME=VALUE part: separate parts with ';', e.g. FREQ=WEEKLY;BYDAY=MO"),
        ("FREQ=DAILY;BYHOUR=5,,6",
         "'BYHOUR=5,,6' is not a NAME=VALUE part: separate parts with ';', e.g. FREQ=WEEKLY;BYDAY=MO"),
        ("FREQ=MONTHLY;BYSETPOS=1",
         "BYSETPOS is not supported: use FREQ, INTERVAL, BYDAY, BYMONTHDAY, BYHOUR, BYMINUTE, COUNT, UNTIL or WKST"),
        ("FREQ=DAILY;UNTIL=2026-12-31",
         "UNTIL=2026-12-31 is not a date or date-time: write YYYYMMDD, YYYYMMDDTHHMMSS or YYYYMMDDTHHMMSSZ"),
        ("FREQ=DAILY;UNTIL=20270229",
         "UNTIL=20270229 is not a date or date-time: write YYYYMMDD, YYYYMMDDTHHMMSS or YYYYMMDDTHHMMSSZ"),
    ])
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
