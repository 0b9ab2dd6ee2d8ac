import Foundation

/// What `media info` reports about a file. Encoded as one JSON object for `--json`.
public struct MediaInfo: Sendable, Codable, Equatable {
    /// The file as given.
    public var path: String
    /// "WAV" or "Ogg Opus"; for other files, FFmpeg's name of the container ("MP2/3 (MPEG audio layer 2/3)").
    public var container: String
    /// "Opus" or the PCM encoding, e.g. "16-bit signed PCM"; for other files, FFmpeg's name of the codec.
    public var codec: String
    /// Channels coded in the file.
    public var channels: Int
    /// Rate the audio was made at (for Ogg Opus, the OpusHead's input rate).
    public var originalSampleRate: Int
    /// Exact duration: granule position minus pre-skip for Ogg Opus, frames ÷ rate for WAV and what FFmpeg decodes.
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

    /// Opens, fully decodes and measures `path`, a WAV or Ogg Opus file.
    public static func inspect(path: String) throws -> MediaInfo {
        let source = try MediaSource.open(path: path)
        var info = try measure(source.decoder, path: path, container: source.container.rawValue,
                               codec: source.container == .oggOpus ? "Opus" : source.encoding.humanName,
                               channels: source.originalChannels, originalSampleRate: source.originalSampleRate)
        if let expected = source.decoder.frameCount, expected != info.frames, source.container == .oggOpus {
            throw MediaError.corrupt(path: path,
                                     detail: "decoded \(info.frames) samples but the stream declares \(expected)")
        }
        let opus = source.decoder as? OggOpusFileReader
        info.preSkip = opus?.preSkip
        info.vendor = opus?.vendor
        return info
    }

    /// Decodes what `decoder` gives of `path` to its end and measures it; the other fields are the caller's (another
    /// decoder's, such as FFmpeg's, names for the container and codec).
    public static func measure(
        _ decoder: PCMSource, path: String, container: String, codec: String, channels: Int, originalSampleRate: Int
    ) throws -> MediaInfo {
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
        let bytes = MediaFile.size(path: path) ?? 0
        let seconds = Double(frames) / Double(decoder.format.sampleRate)
        return MediaInfo(
            path: path, container: container, codec: codec, channels: channels,
            originalSampleRate: originalSampleRate, durationSeconds: seconds, frames: frames,
            integratedLoudnessLUFS: meter.integratedLoudness.finiteOrNil,
            truePeakDBTP: meter.truePeak.finiteOrNil,
            averageBitrate: Int((Double(bytes) * 8 / seconds).rounded()), bytes: bytes,
            sha256: try FileDigest.sha256(path: path), preSkip: nil, vendor: nil
        )
    }
}
