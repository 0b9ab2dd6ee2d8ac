/// What the import pipeline encodes a whole signal with, piece by piece in order: one libopusenc encoder, or the
/// two-core encoder for a long signal. Both write their header pages when made.
protocol SignalEncoder: AnyObject {
    /// Encodes the next samples.
    func write(_ samples: ArraySlice<Float>) throws
    /// Encodes what is left and ends the stream.
    func finish() throws
}

/// A signal encoded by one libopusenc encoder on the caller's thread, with a gain applied on the way.
final class SingleOpusEncoder: SignalEncoder {
    private let encoder: OggOpusEncoder
    private let gain: Float
    private let count: Int
    private let progress: ((Double) -> Void)?
    private var scratch: [Float] = []
    private var done = 0

    init(
        count: Int, sampleRate: Int, settings: OpusEncoderSettings, tags: [(String, String)], gain: Float,
        progress: ((Double) -> Void)?, sink: @escaping OggOpusEncoder.Sink
    ) throws {
        encoder = try OggOpusEncoder(settings: settings, tags: tags, sampleRate: sampleRate, sink: sink)
        try encoder.flushHeader()
        self.gain = gain
        self.count = count
        self.progress = progress
    }

    func write(_ samples: ArraySlice<Float>) throws {
        try encoder.write(samples, gain: gain, scratch: &scratch)
        done += samples.count
        progress?(Double(done) / Double(max(count, 1)))
    }

    func finish() throws {
        try encoder.finish()
    }
}
