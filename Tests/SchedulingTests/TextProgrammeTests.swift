import Foundation
import ScheduleFormat
import Scheduling
import Testing
import YAMLSupport

/// A programme may say `text:` (with `voice:` and `rate:`) instead of `media:`; exactly one of the two.
@Suite("Schedule files: text programmes")
struct TextProgrammeTests {
    /// The problems `yaml` is refused with, one `file:line: key: problem` each.
    static func problems(_ yaml: String) -> [String] {
        do {
            _ = try ScheduleFile.parse(yaml, file: "xa.yaml")
            return []
        } catch let issues as YAMLIssues {
            return issues.issues.map(\.description)
        } catch {
            return ["\(error)"]
        }
    }

    @Test("text with voice and rate is read; media stays empty until the site renders it")
    func readsText() throws {
        let schedule = try ScheduleFile.parse("""
            programmes:
              - id: thong-bao
                text: "UBND xã thông báo: 14h30 họp tại nhà văn hóa thôn Đông, mời bà con đến đúng giờ."
                voice: vi-vn-x-central
                rate: 140
                days: [mon]
                at: ["05:30"]
              - {id: nhac, media: quoc-ca, days: [mon], at: ["06:00"]}
            """, file: "xa.yaml")
        let text = try #require(schedule.programmes.first?.text)
        #expect(text.voice == "vi-vn-x-central" && text.rate == 140)
        #expect(text.text.hasPrefix("UBND xã thông báo"))
        #expect(schedule.programmes.first?.media == "")
        #expect(text.excerpt() == "UBND xã thông báo: 14h30 họp tại nhà văn…")
        #expect(schedule.programmes.last?.text == nil && schedule.programmes.last?.media == "quoc-ca")
        let defaults = try ScheduleFile.parse("programmes: [{id: a, text: Mời họp, days: [mon], at: [\"05:30\"]}]",
                                              file: "xa.yaml")
        #expect(defaults.programmes.first?.text == ProgrammeText(text: "Mời họp"))
    }

    @Test("media and text together, neither, voice without text, an empty text and a bad rate name file, line, key")
    func refusals() {
        #expect(Self.problems("""
            programmes:
              - {id: a, media: x, text: "Thông báo", days: [mon], at: ["05:30"]}
            """) == ["xa.yaml:2: programmes[0].text: give either media or text, not both"])
        #expect(Self.problems("""
            programmes:
              - {id: a, days: [mon], at: ["05:30"]}
            """).first?.contains("media: missing; name the stored media or give its SHA-256, or give text:") == true)
        let voiceAlone = Self.problems("""
            programmes:
              - {id: a, media: x, voice: vi, rate: 120, days: [mon], at: ["05:30"]}
            """)
        #expect(voiceAlone.contains { $0.contains(":2: programmes[0].voice: only a text programme has a voice") })
        #expect(voiceAlone.contains { $0.contains(":2: programmes[0].rate: only a text programme has a rate") })
        #expect(Self.problems("""
            programmes:
              - {id: a, text: "  ", days: [mon], at: ["05:30"]}
            """).first?.contains("text: is empty; give the words to speak") == true)
        #expect(Self.problems("""
            programmes:
              - {id: a, text: "Mời họp", rate: 900, days: [mon], at: ["05:30"]}
            """).first?.contains("rate: 900 words per minute is out of range; use 80 to 450") == true)
    }
}
