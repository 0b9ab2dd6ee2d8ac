import Testing
@testable import Store

/// The textual scan of `media:` values in schedule YAML.
@Suite("Schedule media scan")
struct ScheduleMediaScannerTests {
    @Test("media: values are found in block and flow style, not in comments or other keys", arguments: [
        ("media: ban-tin", ["ban-tin"]),
        ("  - media: \"Bản tin sáng\"  # Vietnamese name", ["Bản tin sáng"]),
        ("- {id: a, media: 'x y', at: [\"05:30\"]}", ["x y"]),
        ("- {media: one}\n- {media: two}", ["one", "two"]),
        ("media: tin # comment", ["tin"]),
        ("media:", []),
        ("# media: commented-out", []),
        ("title: \"media: not a key\"", []),
        ("social_media: nope", []),
        ("mediaX: nope", []),
    ])
    func findsMediaValues(yaml: String, expected: [String]) {
        #expect(ScheduleMediaScanner.mediaValues(in: yaml) == expected)
    }
}
