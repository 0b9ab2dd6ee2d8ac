import Foundation

/// Recognises Ogg Opus files that our own pipeline already made with a given set of options, so a site can store
/// them as they are instead of decoding, normalising and encoding them again.
///
/// The pipeline is deterministic (the Ogg serial number comes from the audio), so re-running it with the same
/// options on its own output's source would give the same result; the tags say which options made the file. The CLI
/// encodes an announcement once and every site checks it: every Ogg page must pass libogg's CRC check and the last
/// must end the stream, the Opus headers must open, the stream must be mono and tagged by CommuneCast with exactly
/// the site's options. Anything else is re-encoded. The packets are not decoded here, which is what makes a push to
/// a hundred sites cheap: a packet that passed its page's CRC is the packet the CLI's encoder wrote.
public enum BroadcastReady {
    /// The tag naming the options that made the file.
    static let pipelineKey = "COMMUNECAST_PIPELINE"
    /// The tag holding the loudness the pipeline normalised the file to, LUFS.
    static let loudnessKey = "COMMUNECAST_LOUDNESS"
    /// The tag holding the sample rate the audio was made at (the OpusHead holds the encoder's 48 kHz).
    static let inputRateKey = "COMMUNECAST_INPUT_RATE"

    /// What the store needs to know about a file kept as it is.
    public struct Media: Sendable, Equatable {
        /// SHA-256 of the bytes.
        public let sha256: String
        /// Length in bytes.
        public let bytes: Int
        /// Exact length, from the decoded frames.
        public let durationSeconds: Double
        /// The loudness the pipeline normalised it to, LUFS; nil for near-silence.
        public let loudnessLUFS: Double?
    }

    /// Raised whenever the pipeline makes different audio from the same input and options: 2 since the rumble
    /// filter. Part of the speech render cache key, so a site speaks its texts again once after such an update
    /// instead of airing renders made the old way; not part of `pipeline`, which decides what is broadcast-ready.
    public static let processingRevision = 2

    /// `lufs=-16.0;tp=-1.0;maxgain=40.0;kbps=24;frame=20;complexity=10`: every option that changes the output
    /// (also part of the speech render cache key). Changes to the pipeline itself, such as the rumble filter, are
    /// left out on purpose: a file made without one is still ready for the same options, and a province whose CLI
    /// and sites are updated at different times would otherwise have every upload, alert audio included, encoded
    /// again on the site. They count in `processingRevision` instead, which only a site's own renders depend on.
    public static func pipeline(_ options: EncodeOptions) -> String {
        String(format: "lufs=%.1f;tp=%.1f;maxgain=%.1f;kbps=%d;frame=%d;complexity=%d", options.targetLUFS,
               options.truePeakCeiling, options.maxGainDB, options.opus.bitrate / 1_000, options.opus.frameMilliseconds,
               options.opus.complexity)
    }

    /// OpusTags comments (`KEY=value`) by upper-cased key; the first of a repeated key wins.
    static func tags(_ comments: [String]) -> [String: String] {
        Dictionary(comments.compactMap { comment -> (String, String)? in
            guard let equals = comment.firstIndex(of: "=") else { return nil }
            return (comment[..<equals].uppercased(), String(comment[comment.index(after: equals)...]))
        }, uniquingKeysWith: { first, _ in first })
    }

    /// The rate the audio was made at, as our pipeline tagged it; nil for files without the tag.
    static func inputRate(in comments: [String]) -> Int? {
        tags(comments)[inputRateKey].flatMap { Int($0) }.flatMap { $0 > 0 ? $0 : nil }
    }

    /// The file's facts when `bytes` is broadcast-ready for `options`, nil when it must go through the pipeline.
    ///
    /// - Throws: a ``MediaError`` when the bytes claim to be Ogg Opus but are damaged (cut off, corrupt packets).
    public static func check(bytes: [UInt8], path: String, options: EncodeOptions) throws(MediaError) -> Media? {
        guard bytes.starts(with: Array("OggS".utf8)) else { return nil }
        let reader = try OggOpusFileReader(bytes: bytes, path: path)
        defer { reader.close() }
        let tags = Self.tags(reader.comments)
        guard reader.format.channels == 1, tags["ENCODER"] == "CommuneCast",
              tags[pipelineKey] == pipeline(options) else { return nil }
        _ = try OggPageCheck.verify(bytes, path: path)
        guard let frames = reader.frameCount, frames > 0 else {
            throw .corrupt(path: path, detail: "the stream does not say how long it is")
        }
        let seconds = Double(frames) / 48_000
        guard seconds <= options.maxDurationSeconds else {
            throw .tooLong(path: path, seconds: seconds, limitSeconds: options.maxDurationSeconds)
        }
        return Media(sha256: FileDigest.sha256(bytes), bytes: bytes.count, durationSeconds: seconds,
                     loudnessLUFS: tags[loudnessKey].flatMap(Double.init))
    }
}
