import AudioCodec
import CommuneCastTesting
import Foundation
import Testing

@Suite("Tones and atomic files")
struct ToneAndFileTests {
    @Test("the attention signal holds 853 Hz and 960 Hz and nothing at 1200 Hz, with silent ends")
    func attentionFrequencies() {
        let samples = ToneGenerator.render(.attention, seconds: 1)
        #expect(samples.count == 48_000)
        let body = Array(samples[4_800..<43_200])
        let a = Signals.power(at: 853, in: body, sampleRate: 48_000)
        let b = Signals.power(at: 960, in: body, sampleRate: 48_000)
        let off = Signals.power(at: 1_200, in: body, sampleRate: 48_000)
        #expect(a > 1_000 * off)
        #expect(b > 1_000 * off)
        #expect(abs(samples[0]) < 1e-3)
        #expect(abs(samples[samples.count - 1]) < 1e-3)
        #expect(samples.map { abs($0) }.max()! < 1)
    }

    @Test("writeTone produces a decodable file of the requested length at the target loudness")
    func toneFile() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let output = directory.file("chime.opus")
        let report = try MediaEncoder.writeTone(.chime, seconds: 2, output: output)
        let reader = try OggOpusFileReader(path: output)
        #expect(reader.frameCount == 96_000)
        #expect(abs((report.loudnessAfterLUFS ?? 0) - (-16)) < 0.5)
        #expect(try directory.entries() == ["chime.opus"])
    }
}
