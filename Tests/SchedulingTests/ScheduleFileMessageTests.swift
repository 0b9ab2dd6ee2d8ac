import ScheduleFormat
import Testing
@testable import YAMLSupport

/// What an operator who writes a schedule by hand is told: one message per mistake, naming what was meant.
@Suite("Schedule files: one clear message per mistake")
struct ScheduleFileMessageTests {
    @Test("a time or weekday that is not one is named once, without also 'list at least one'", arguments: [
        ("programmes: [{id: a, media: m, days: [mon], at: [\"25:00\"]}]",
         ["xa.yaml:1: programmes[0].at: '25:00' is not a time such as \"05:30\""]),
        ("programmes: [{id: a, media: m, days: [monday], at: [\"05:00\"]}]",
         ["xa.yaml:1: programmes[0].days: 'monday' is not a weekday; use mon, tue, wed, thu, fri, sat, sun"]),
    ])
    func invalidEntriesOnce(yaml: String, expected: [String]) {
        #expect(TextProgrammeTests.problems(yaml) == expected)
    }

    @Test("missing days or times are called missing, with an example; empty lists ask for one entry")
    func missingAndEmpty() {
        #expect(TextProgrammeTests.problems("programmes: [{id: a, media: m, at: [\"05:00\"]}]") == [
            "xa.yaml:1: programmes[0].days: missing; give the weekdays it airs on, e.g. days: [mon, tue, wed, thu, "
                + "fri, sat, sun]",
        ])
        #expect(TextProgrammeTests.problems("programmes: [{id: a, media: m, days: [mon]}]") == [
            "xa.yaml:1: programmes[0].at: missing; give the times it airs, e.g. at: [\"05:30\", \"17:00\"]",
        ])
        #expect(TextProgrammeTests.problems("programmes: [{id: a, media: m, days: [], at: []}]") == [
            "xa.yaml:1: programmes[0].days: list at least one weekday",
            "xa.yaml:1: programmes[0].at: list at least one time such as \"05:30\"",
        ])
    }

    @Test("a mistyped key is answered with the key it most likely meant; a key like none of them is not")
    func likelyMeant() {
        let problems = TextProgrammeTests.problems(
            "programmes:\n  - id: a\n    media: m\n    days: [mon]\n    at: [\"05:00\"]\n    untill: 2027-01-01\n"
                + "    tittle: Tin sáng\n    colour: red\n"
        )
        #expect(problems.count == 3)
        #expect(problems.contains { $0.hasPrefix("xa.yaml:6: programmes[0].untill: unknown key; did you mean until?") })
        #expect(problems.contains { $0.hasPrefix("xa.yaml:7: programmes[0].tittle: unknown key; did you mean title?") })
        #expect(problems.contains { $0.hasPrefix("xa.yaml:8: programmes[0].colour: unknown key; known keys") })
    }

    @Test("edit distance counts a swap of two neighbours as one edit")
    func editDistance() {
        #expect(YAMLMap.editDistance(Array("meida"), Array("media")) == 1)
        #expect(YAMLMap.editDistance(Array("day"), Array("days")) == 1)
        #expect(YAMLMap.editDistance(Array("kitten"), Array("sitting")) == 3)
        #expect(YAMLMap.editDistance(Array(""), Array("abc")) == 3)
        #expect(YAMLMap.likelyMeant("ttl", among: ["title", "until"]) == nil)
        // Two keys as near as each other: no guess.
        #expect(YAMLMap.likelyMeant("rata", among: ["rate", "rats"]) == nil)
    }
}
