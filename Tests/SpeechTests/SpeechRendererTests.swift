import AudioCodec
import CommuneCastTesting
import Foundation
import Speech
import Testing

@Suite("Site-side rendering of text: once, cached by content, atomic, thread-safe")
struct SpeechRendererTests {
    static let bulletin = "UBND xã thông báo: 14h30 ngày 15/9 họp tại nhà văn hóa thôn 3."

    @Test("the first render writes the file; the second finds it and writes nothing")
    func cacheHit() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let renderer = SpeechRenderer(directory: directory.path)
        let first = try renderer.render(text: Self.bulletin, settings: SpeechSettings())
        #expect(!first.cached)
        #expect(first.path == directory.file("\(first.key).opus"))
        #expect(first.durationSeconds > 2 && first.durationSeconds < 15)
        #expect(try FileDigest.sha256(path: first.path) == first.sha256)
        let before = try FileManager.default.attributesOfItem(atPath: first.path)
        let second = try renderer.render(text: Self.bulletin, settings: SpeechSettings())
        #expect(second.cached)
        #expect(second.path == first.path && second.sha256 == first.sha256 && second.bytes == first.bytes)
        #expect(abs(second.durationSeconds - first.durationSeconds) < 0.001)
        let after = try FileManager.default.attributesOfItem(atPath: first.path)
        #expect(before[.modificationDate] as? Date == after[.modificationDate] as? Date)
        #expect(try directory.entries() == ["\(first.key).opus"])
        let info = try MediaInfo.inspect(path: first.path)
        #expect(abs((info.integratedLoudnessLUFS ?? 0) + 16) <= 1)
        #expect((info.truePeakDBTP ?? 0) <= -1)
    }

    @Test("the key changes with the words, the voice, the rate and the pipeline settings, not with the spelling")
    func keys() throws {
        let renderer = SpeechRenderer(directory: "/nonexistent")
        let words = "Ủy ban nhân dân xã thông báo"
        let base = try renderer.cacheKey(spokenText: words, settings: SpeechSettings())
        var louder = EncodeOptions()
        louder.targetLUFS = -14
        var lowBitrate = EncodeOptions()
        lowBitrate.opus.bitrate = 16_000
        let variants = [
            try renderer.cacheKey(spokenText: words + " khẩn", settings: SpeechSettings()),
            try renderer.cacheKey(spokenText: words, settings: SpeechSettings(voice: "vi-vn-x-south")),
            try renderer.cacheKey(spokenText: words, settings: SpeechSettings(rate: 151)),
            try SpeechRenderer(directory: "/x", options: louder).cacheKey(spokenText: words, settings: SpeechSettings()),
            try SpeechRenderer(directory: "/x", options: lowBitrate).cacheKey(spokenText: words,
                                                                               settings: SpeechSettings()),
        ]
        #expect(Set(variants + [base]).count == 6)
        #expect(base.count == 64 && base.allSatisfy(\.isHexDigit))
        // The key is over the normalised words: two spellings of the same time share one file.
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let cache = SpeechRenderer(directory: directory.path)
        let written = try cache.render(text: "Họp lúc 14h30", settings: SpeechSettings())
        let spelt = try cache.render(text: "Họp lúc 14 giờ 30 phút", settings: SpeechSettings())
        #expect(spelt.cached && spelt.key == written.key)
    }

    @Test("a failure leaves nothing: empty text, an unknown voice, a missing directory")
    func failures() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let renderer = SpeechRenderer(directory: directory.path)
        #expect(throws: SpeechError.emptyText(source: "text")) {
            try renderer.render(text: "  ", settings: SpeechSettings())
        }
        #expect(throws: SpeechError.self) {
            try renderer.render(text: Self.bulletin, settings: SpeechSettings(voice: "en-us-x-none"))
        }
        #expect(try directory.entries().isEmpty)
        let missing = SpeechRenderer(directory: directory.file("gone"))
        #expect(throws: MediaError.self) { try missing.render(text: Self.bulletin, settings: SpeechSettings()) }
        #expect(try directory.entries().isEmpty)
    }

    @Test("a damaged cached file is rendered again")
    func damaged() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let renderer = SpeechRenderer(directory: directory.path)
        let first = try renderer.render(text: Self.bulletin, settings: SpeechSettings())
        let bytes = try Data(contentsOf: URL(fileURLWithPath: first.path))
        try bytes.prefix(bytes.count / 2).write(to: URL(fileURLWithPath: first.path))
        let again = try renderer.render(text: Self.bulletin, settings: SpeechSettings())
        #expect(!again.cached)
        #expect(try FileDigest.sha256(path: again.path) == again.sha256)
        #expect(abs(again.durationSeconds - first.durationSeconds) < 0.1)
    }

    @Test("several threads rendering the same and different texts all get intact files")
    func concurrent() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let renderer = SpeechRenderer(directory: directory.path)
        let texts = [Self.bulletin, "Bão số 3 gió mạnh cấp 12, giật cấp 14.", Self.bulletin, "Mực nước trên BĐ2 0,3m."]
        let results = try await withThrowingTaskGroup(of: RenderedSpeech.self) { group in
            for text in texts { group.addTask { try renderer.render(text: text, settings: SpeechSettings()) } }
            return try await group.reduce(into: [RenderedSpeech]()) { $0.append($1) }
        }
        #expect(Set(results.map(\.key)).count == 3)
        for result in results { #expect(try FileDigest.sha256(path: result.path) == result.sha256) }
        #expect(try directory.entries().count == 3)
    }
}
