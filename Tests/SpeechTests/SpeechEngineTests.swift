import AudioCodec
import Speech
import Testing

@Suite("espeak-ng through its one owner")
struct SpeechEngineTests {
    @Test("the three Vietnamese voices are installed and each speaks")
    func voices() throws {
        let engine = SpeechEngine.shared
        let voices = try engine.vietnameseVoices
        for voice in ["vi", "vi-vn-x-central", "vi-vn-x-south"] {
            #expect(voices.contains(voice), "\(voices)")
            let samples = try engine.synthesize("Ủy ban nhân dân xã thông báo", voice: voice, rate: 150)
            let seconds = Double(samples.count) / Double(try engine.sampleRate)
            #expect(seconds > 1 && seconds < 5, "\(voice): \(seconds) s")
            #expect(samples.contains { abs($0) > 0.05 })
        }
    }

    @Test("a faster rate makes shorter speech")
    func rate() throws {
        let text = "Bão số ba gió mạnh cấp mười hai, giật cấp mười bốn, di chuyển theo hướng tây tây bắc."
        let slow = try SpeechEngine.shared.synthesize(text, voice: "vi", rate: 120)
        let fast = try SpeechEngine.shared.synthesize(text, voice: "vi", rate: 240)
        #expect(Double(fast.count) < Double(slow.count) * 0.75, "\(fast.count) vs \(slow.count)")
    }

    @Test("a voice that is not installed is refused listing the installed ones")
    func missingVoice() {
        let error = #expect(throws: SpeechError.self) {
            try SpeechEngine.shared.synthesize("xin chào", voice: "vi-vn-x-hue", rate: 150)
        }
        #expect(error?.description.contains("'vi-vn-x-hue' is not installed") == true)
        #expect(error?.description.contains("vi-vn-x-south") == true)
    }

    /// espeak-ng 1.51 carries its wave generator's state from one utterance to the next, so the same words are not
    /// bit-identical twice (lengths vary by up to 8 % here); each thread must still get its own words, whole: within
    /// 10 % of the length of speaking them alone, where the three texts differ by 40 % and more.
    @Test("synthesis from several threads at once is serialised and each gets its own, whole speech")
    func concurrent() async throws {
        let texts = ["một hai ba", "Ủy ban nhân dân xã Hòa Bình thông báo lịch cắt điện ngày mai", "mưa lớn"]
        let alone = try texts.map { try SpeechEngine.shared.synthesize($0, voice: "vi", rate: 150) }
        let together = try await withThrowingTaskGroup(of: (Int, [Float]).self) { group in
            for _ in 0..<3 {
                for (index, text) in texts.enumerated() {
                    group.addTask { (index, try SpeechEngine.shared.synthesize(text, voice: "vi", rate: 150)) }
                }
            }
            return try await group.reduce(into: [(Int, [Float])]()) { $0.append($1) }
        }
        #expect(together.count == 9)
        for (index, samples) in together {
            let expected = Double(alone[index].count)
            #expect(abs(Double(samples.count) - expected) < expected * 0.1, "\(texts[index]): \(samples.count)")
        }
    }
}
