import CommuneCastTesting
import Foundation
import Speech
import Testing

@Suite("Text given to speak: empty, too long, other scripts, files")
struct SpeechTextTests {
    @Test("empty and whitespace-only text is refused", arguments: ["", "   ", "\n\t \n"])
    func empty(text: String) {
        #expect(throws: SpeechError.emptyText(source: "--text")) { try SpeechText.validate(text, source: "--text") }
    }

    @Test("text over 10,000 characters is refused with its length")
    func tooLong() {
        let text = String(repeating: "mưa lớn ", count: 1_251)
        #expect(throws: SpeechError.textTooLong(source: "--text", characters: 10_007, limit: 10_000)) {
            try SpeechText.validate(text, source: "--text")
        }
    }

    @Test("text in another script is refused naming the first such letter and where it is")
    func otherScript() throws {
        let error = #expect(throws: SpeechError.self) {
            try SpeechText.validate("Thông báo\nBão số 3 台风 đang đến", source: "bulletin.txt")
        }
        #expect(error == .otherScript(source: "bulletin.txt", character: "台", line: 2, column: 10))
        #expect(error?.description.contains("'bulletin.txt'") == true)
        #expect(error?.description.contains("U+53F0") == true)
        for foreign in ["Привет", "สวัสดี", "ສະບາຍດີ", "សួស្តី"] {
            #expect(throws: SpeechError.self) { try SpeechText.validate(foreign, source: "--text") }
        }
    }

    @Test("Vietnamese in quốc ngữ, digits and punctuation pass, composed and trimmed")
    func vietnamese() throws {
        let text = "  Ủy ban nhân dân xã Hòa Bình: bão số 3, 14h30 ngày 15/9 — mưa 100-200 mm (°C, %).  "
        #expect(try SpeechText.validate(text, source: "--text") == text.trimmingCharacters(in: .whitespaces))
        #expect(try SpeechText.validate("Hòa".decomposedStringWithCanonicalMapping, source: "--text") == "Hòa")
    }

    @Test("a text file that is missing or not UTF-8 is refused naming it")
    func files() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let missing = directory.file("missing.txt")
        let error = #expect(throws: SpeechError.self) { try SpeechText.read(file: missing) }
        #expect(error?.description.contains(missing) == true)
        let latin1 = directory.file("latin1.txt")
        try Data([0x48, 0xF2, 0x61]).write(to: URL(fileURLWithPath: latin1))
        let notUTF8 = #expect(throws: SpeechError.self) { try SpeechText.read(file: latin1) }
        #expect(notUTF8?.description.contains("not UTF-8") == true)
        let good = directory.file("ok.txt")
        try Data("UBND xã thông báo\n".utf8).write(to: URL(fileURLWithPath: good))
        #expect(try SpeechText.read(file: good) == "UBND xã thông báo")
    }
}
