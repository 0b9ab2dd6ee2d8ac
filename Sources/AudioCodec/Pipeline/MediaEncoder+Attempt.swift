import Crypto
import HostSystem

extension MediaEncoder {
    /// What one encoded attempt left: the written file's own true peak, dBTP (nil when the stream could not be
    /// decoded back), and the SHA-256 of its bytes.
    typealias Encoded = (filePeak: Double?, sha256: String)

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
    /// they are written and measures their true peak.
    static func encodeAttempt(
        _ samples: [Float], sampleRate: Int, gainDB: Double, settings: OpusEncoderSettings, tags: [(String, String)],
        writer: AtomicFileWriter, progress: Progress?
    ) throws -> Encoded {
        var hasher = SHA256()
        let encoded = EncodedPeakMeter()
        let encoder = try OggOpusEncoder(settings: settings, tags: tags, sampleRate: sampleRate) { bytes in
            hasher.update(bufferPointer: bytes)
            encoded.feed(bytes)
            try writer.write(bytes)
        }
        try encode(samples, gainDB: gainDB, piece: sampleRate, with: encoder, progress: progress)
        return (encoded.finish(), hasher.finalize().hexString)
    }

    /// Feeds `samples` to the encoder with `gainDB` applied, in pieces of `piece` samples (a second); without a
    /// gain (a limited signal already has it) they go to the encoder as they are, without a copy.
    static func encode(
        _ samples: [Float], gainDB: Double, piece: Int, with encoder: OggOpusEncoder, progress: Progress?
    ) throws {
        let factor = Float(Decibels.linear(gainDB))
        var scratch = [Float](repeating: 0, count: gainDB == 0 ? 0 : piece)
        var offset = 0
        try samples.withUnsafeBufferPointer { samples in
            while offset < samples.count {
                let count = min(piece, samples.count - offset)
                if gainDB == 0 {
                    try encoder.write(UnsafeBufferPointer(rebasing: samples[offset..<(offset + count)]))
                } else {
                    for index in 0..<count { scratch[index] = samples[offset + index] * factor }
                    try scratch.withUnsafeBufferPointer {
                        try encoder.write(UnsafeBufferPointer(rebasing: $0[0..<count]))
                    }
                }
                offset += count
                progress?(.encoding, Double(offset) / Double(samples.count))
            }
        }
        try encoder.finish()
        progress?(.encoding, 1)
    }
}
