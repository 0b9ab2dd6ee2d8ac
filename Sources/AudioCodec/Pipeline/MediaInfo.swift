import Foundation

/// What `media info` reports about a file. Encoded as one JSON object for `--json`.
public struct MediaInfo: Sendable, Codable, Equatable {
    /// The file as given.
    public var path: String
    /// "WAV" or "Ogg Opus".
    public var container: String
    /// "Opus" or the PCM encoding, e.g. "16-bit signed PCM".
    public var codec: String
    /// Channels coded in the file.
    public var channels: Int
    /// Rate the audio was made at (for Ogg Opus, the OpusHead's input rate).
    public var originalSampleRate: Int
    /// Exact duration: granule position minus pre-skip for Ogg Opus, frames ÷ rate for WAV.
    public var durationSeconds: Double
    /// Frames at the decode rate (48 kHz for Opus).
    public var frames: Int
    /// Integrated loudness, LUFS; nil when too short or silent to measure.
    public var integratedLoudnessLUFS: Double?
    /// True peak, dBTP; nil for digital silence.
    public var truePeakDBTP: Double?
    /// File size × 8 ÷ duration, bits per second.
    public var averageBitrate: Int
    /// File size in bytes.
    public var bytes: Int
    /// SHA-256 of the file's bytes, lowercase hex.
    public var sha256: String
    /// Opus pre-skip in samples (Ogg Opus only).
    public var preSkip: Int?
    /// Encoder vendor string (Ogg Opus only).
    public var vendor: String?

    enum CodingKeys: String, CodingKey {
        case path, container, codec, channels
        case originalSampleRate = "original_sample_rate"
        case durationSeconds = "duration_s"
        case frames
        case integratedLoudnessLUFS = "integrated_loudness_lufs"
        case truePeakDBTP = "true_peak_dbtp"
        case averageBitrate = "average_bitrate"
        case bytes, sha256
        case preSkip = "pre_skip"
        case vendor
    }

    /// Opens, fully decodes and measures `path`.
    public static func inspect(path: String) throws -> MediaInfo {
        let source = try MediaSource.open(path: path)
        let decoder = source.decoder
        let meter = try LoudnessMeter(format: decoder.format)
        var chunk = [Float](repeating: 0, count: 16_384 * decoder.format.channels)
        var frames = 0
        while true {
            let got = try chunk.withUnsafeMutableBufferPointer { try decoder.read(into: $0) }
            if got == 0 { break }
            frames += got
            let samples = got * decoder.format.channels
            chunk.withUnsafeBufferPointer { meter.add(UnsafeBufferPointer(rebasing: $0[0..<samples])) }
        }
        if frames == 0 { throw MediaError.empty(path: path) }
        if let expected = decoder.frameCount, expected != frames, source.container == .oggOpus {
            throw MediaError.corrupt(path: path, detail: "decoded \(frames) samples but the stream declares \(expected)")
        }
        let bytes = MediaFile.size(path: path) ?? 0
        let seconds = Double(frames) / Double(decoder.format.sampleRate)
        let opus = decoder as? OggOpusFileReader
        return MediaInfo(
            path: path, container: source.container.rawValue,
            codec: source.container == .oggOpus ? "Opus" : source.encoding.humanName,
            channels: source.originalChannels, originalSampleRate: source.originalSampleRate,
            durationSeconds: seconds, frames: frames,
            integratedLoudnessLUFS: meter.integratedLoudness.finiteOrNil,
            truePeakDBTP: meter.truePeak.finiteOrNil,
            averageBitrate: Int((Double(bytes) * 8 / seconds).rounded()), bytes: bytes,
            sha256: try FileDigest.sha256(path: path),
            preSkip: opus?.preSkip, vendor: opus?.vendor
        )
    }
}
