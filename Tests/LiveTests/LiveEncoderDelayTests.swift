import AudioCodec
import LiveBroadcast
import CommuneCastTesting
import Testing

/// libopusenc holds audio before its first page: about 3 s with its defaults, since it waits to decide where pages
/// and links break. A live source cannot afford that; these tests measure what the low-delay settings bring it to.
@Suite("Live: the encoder's delay to the first page")
struct LiveEncoderDelayTests {
    /// Feeds 20 ms periods until the first audio page comes out; returns the audio time fed by then, seconds.
    private func delayToFirstAudioPage(_ settings: OpusEncoderSettings) throws -> Double {
        final class Pages { var count = 0 }
        let pages = Pages()
        let encoder = try OggOpusEncoder(settings: settings) { _ in pages.count += 1 }
        try encoder.flushHeader()
        let headers = pages.count
        let period = Signals.sine(frequency: 440, seconds: 0.02, sampleRate: 48_000)
        var fed = 0
        while pages.count == headers, fed < 48_000 * 10 {
            try period.withUnsafeBufferPointer { try encoder.write($0) }
            fed += period.count
        }
        return Double(fed) / 48_000
    }

    @Test("the low-delay settings bring the first page to about 0.1 s, against seconds with the defaults")
    func lowDelay() throws {
        let defaults = try delayToFirstAudioPage(OpusEncoderSettings())
        let live = try delayToFirstAudioPage(LiveSettings.lowDelayEncoder)
        print("first audio page: defaults \(defaults) s, low delay \(live) s")
        #expect(defaults >= 1.0)
        #expect(live <= 0.15)
    }
}
