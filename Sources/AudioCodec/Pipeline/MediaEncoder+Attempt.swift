import Crypto
import HostSystem

extension MediaEncoder {
    /// What one encoded attempt left: the written file's own true peak and loudness, and the SHA-256 of its bytes.
    typealias Encoded = (file: EncodedFileMeter.Measurement, sha256: String)

    /// The OpusTags of a file of ours: who made it, with which options, the loudness it was normalised to (`none`
    /// for near-silence), the rate the audio was made at and the title.
    static func tags(loudness: Double?, inputRate: Int?, title: String, options: EncodeOptions) -> [(String, String)] {
        var tags = [("ENCODER", "CommuneCast"), (BroadcastReady.pipelineKey, BroadcastReady.pipeline(options)),
                    (BroadcastReady.loudnessKey, loudness.map { String(format: "%.2f", $0) } ?? "none")]
        if let inputRate { tags.append((BroadcastReady.inputRateKey, "\(inputRate)")) }
        if !title.isEmpty { tags.append(("TITLE", title)) }
        return tags
    }

    /// Encodes `samples` with `gainDB` applied straight to `writer`, while a second thread decodes the pages as
    /// they are written and measures their true peak and loudness. A signal of `splitFrom` samples or more is
    /// encoded on both cores (`signalEncoder`).
    static func encodeAttempt(
        _ samples: [Float], sampleRate: Int, gainDB: Double, settings: OpusEncoderSettings, tags: [(String, String)],
        writer: AtomicFileWriter, splitFrom: Int? = nil, progress: Progress?
    ) throws -> Encoded {
        var hasher = SHA256()
        let encoded = EncodedFileMeter()
        let encoder = try signalEncoder(
            count: samples.count, sampleRate: sampleRate, settings: settings, tags: tags, gainDB: gainDB,
            splitFrom: splitFrom, progress: progress
        ) { bytes in
            hasher.update(bufferPointer: bytes)
            encoded.feed(bytes)
            try writer.write(bytes)
        }
        for start in stride(from: 0, to: samples.count, by: sampleRate) {
            try encoder.write(samples[start..<min(start + sampleRate, samples.count)])
        }
        try encoder.finish()
        progress?(.encoding, 1)
        return (encoded.finish(), hasher.finalize().hexString)
    }

    /// Signals at least this long, seconds, are encoded on both cores.
    static let twoCoreMinimumSeconds = 20

    /// The encoder for a signal of `count` samples with `gainDB` applied: the two-core encoder from `splitFrom`
    /// samples on (20 s by default) when the settings fix the serial number its header pages and its own
    /// pages must share, else one libopusenc encoder. Either writes the header pages, with `tags`, to `sink` at once.
    static func signalEncoder(
        count: Int, sampleRate: Int, settings: OpusEncoderSettings, tags: [(String, String)], gainDB: Double,
        splitFrom: Int?, progress: Progress?, sink: @escaping OggOpusEncoder.Sink
    ) throws -> SignalEncoder {
        let gain = Float(Decibels.linear(gainDB))
        let report = progress.map { progress in { @Sendable (fraction: Double) in progress(.encoding, fraction) } }
        let minimum = splitFrom ?? twoCoreMinimumSeconds * sampleRate
        guard settings.serialNumber != nil,
              let plan = TwoCoreOpusEncoder.plan(count: count, sampleRate: sampleRate,
                                                 frameMilliseconds: settings.frameMilliseconds, minimum: minimum)
        else {
            return try SingleOpusEncoder(count: count, sampleRate: sampleRate, settings: settings, tags: tags,
                                         gain: gain, progress: report, sink: sink)
        }
        let header = try headerPages(settings: settings, tags: tags, sampleRate: sampleRate)
        for page in header { try page.withUnsafeBytes { try sink($0) } }
        return try TwoCoreOpusEncoder(plan: plan, settings: settings, headerPages: header.count, gain: gain,
                                      progress: report, sink: sink)
    }
}
