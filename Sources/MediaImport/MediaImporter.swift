import AudioCodec

/// `media encode` and `media upload` for any file a phone, browser or vendor console makes: FFmpeg decodes, then
/// the broadcast pipeline (speexdsp resampling, EBU R128 loudness, Opus) runs exactly as for our own files.
public enum MediaImporter {
    /// Encodes `input` to `output`. A file FFmpeg cannot decode, without audio, protected, cut short, or longer than
    /// `options.maxDurationSeconds` is refused naming the file and the reason, and nothing is left at `output`.
    ///
    /// Ogg Opus goes through libopusfile, as on the site: it is exact about length and refuses a stream whose last
    /// page is missing, which FFmpeg's Ogg demuxer lets pass. Everything else, WAV included, goes through FFmpeg.
    public static func encode(
        input: String, output: String, options: EncodeOptions = EncodeOptions(),
        progress: MediaEncoder.Progress? = nil
    ) throws -> EncodeReport {
        if try isOggOpus(input) {
            return try MediaEncoder.encode(input: input, output: output, options: options, progress: progress)
        }
        try refuseTruncatedWAV(input)
        let decoder = try FFmpegDecoder(path: input)
        // The header's length refuses a three-hour recording, or one too long for the memory, at once, allowing it a
        // second of rounding; the pipeline also counts the decoded frames.
        let rate = decoder.format.sampleRate
        if let declared = decoder.declaredSeconds,
           let error = MediaEncoder.refusal(frames: Int((declared - 1) * Double(rate)), sampleRate: rate, path: input,
                                            options: options, seconds: declared) {
            throw error
        }
        return try MediaEncoder.encode(
            decoder: decoder, inputFormat: decoder.formatDescription, input: input, output: output, options: options,
            progress: progress
        )
    }

    /// What `media info` shows of `input`: WAV and Ogg Opus through our own readers, exactly as the site reads them
    /// (a WAV our reader does not take, such as mu-law, goes to FFmpeg), every other format through FFmpeg.
    public static func inspect(input: String) throws -> MediaInfo {
        let prefix = try MediaFile.readPrefix(path: input, count: 12)
        if try isOggOpus(input) || (WAVHeader.sniff(prefix) && (try? WAVFileReader(path: input).close()) != nil) {
            return try MediaInfo.inspect(path: input)
        }
        try refuseTruncatedWAV(input)
        let decoder = try FFmpegDecoder(path: input)
        return try MediaInfo.measure(decoder, path: input, container: decoder.containerName, codec: decoder.codecName,
                                     channels: decoder.format.channels, originalSampleRate: decoder.format.sampleRate)
    }

    /// FFmpeg reads a WAV whose data chunk claims more than the file holds up to where it ends; the headers say the
    /// copy is incomplete, so the file is refused as the site would refuse it. Any other objection of our own WAV
    /// reader (a format it does not take) is left to FFmpeg, which reads every kind.
    static func refuseTruncatedWAV(_ path: String) throws {
        guard WAVHeader.sniff(try MediaFile.readPrefix(path: path, count: 12)) else { return }
        do {
            try WAVFileReader(path: path).close()
        } catch {
            if case .truncated = error { throw error }
        }
    }

    /// Whether the file starts with an Ogg page carrying an OpusHead. The first look at every input, so it also
    /// refuses a file of no bytes at all, which FFmpeg would only call an invalid argument.
    static func isOggOpus(_ path: String) throws -> Bool {
        let prefix = try MediaFile.readPrefix(path: path, count: OggOpusFileReader.headPrefixCount)
        if prefix.isEmpty { throw ImportError.emptyFile(path: path) }
        return OggOpusFileReader.beginsWithOpusHead(prefix)
    }
}
