import Crypto
import HostSystem

extension MediaEncoder {
    /// Normalises `original` on a thread of its own while this one encodes the limiter's first pass over the whole
    /// signal as it is made. The gain of that pass comes from the search on an excerpt and is nearly always the
    /// one kept, so encoding it at once takes the last limiter pass off the critical path; the loudness meter that
    /// decides runs on the other core. If the pass misses the target the encoded pages are dropped and the caller
    /// encodes the search's result as before: the file is the same either way.
    ///
    /// The loudness the pass reaches is only known at its end, and it belongs in the OpusTags header, so the pages
    /// are held in memory (a few hundred kilobytes for ten minutes) and written behind header pages made with the
    /// final tags by an encoder with the same settings, whose Opus and Ogg headers are otherwise the same.
    ///
    /// Returns the normalised signal and its result, and the encoded file when the first pass was kept (nil when
    /// the caller must encode `working`). Nothing reaches `writer` unless the pass was kept. `encodingStarts` is
    /// called when the first piece arrives, once the search on the excerpt is over.
    static func normaliseWhileEncoding(
        _ original: [Float], sampleRate: Int = 48_000, loudness: Double, peak: Double, options: EncodeOptions,
        settings: @autoclosure () -> OpusEncoderSettings,
        tags: (Double?) -> [(String, String)], writer: AtomicFileWriter,
        excerptFrom: Int? = nil, splitFrom: Int? = nil, progress: Progress?,
        encodingStarts: () -> Void = {}
    ) throws -> (working: [Float], result: LoudnessNormaliser.Result, encoded: Encoded?) {
        let firstPass = ChunkQueue<[Float]>(capacity: 16)
        let normalised = BackgroundValue("cc-normalise") {
            () throws -> (working: [Float], result: LoudnessNormaliser.Result, kept: Bool) in
            var working = original
            let outcome = try LoudnessNormaliser.normalise(
                &working, sampleRate: sampleRate, loudness: loudness, peak: peak, peakIsTrue: false,
                options: options, excerptFrom: excerptFrom, firstPass: firstPass
            )
            return (working, outcome.result, outcome.firstPassKept)
        }
        // Made here, beside the gain search, since the settings may cost a pass over the signal.
        let settings = settings()
        var pages: [[UInt8]] = []
        let encoded = EncodedFileMeter()
        let encoder: SignalEncoder
        let headerPages: Int
        do {
            // The placeholder loudness only has to give the same number of header pages as the final one.
            encoder = try signalEncoder(
                count: original.count, sampleRate: sampleRate, settings: settings, tags: tags(options.targetLUFS),
                gainDB: 0, splitFrom: splitFrom, progress: progress
            ) { bytes in
                encoded.feed(bytes)
                pages.append(Array(bytes))
            }
            headerPages = pages.count
            var started = false
            while let piece = firstPass.take() {
                if !started {
                    progress?(.normalising, 1)
                    encodingStarts()
                    started = true
                }
                try encoder.write(piece[...])
            }
        } catch {
            firstPass.abandon()
            _ = try? normalised.value
            throw error
        }
        let outcome = try normalised.value
        guard outcome.kept else { return (outcome.working, outcome.result, nil) }
        try encoder.finish()
        let header = try Self.headerPages(settings: settings, tags: tags(outcome.result.loudness),
                                          sampleRate: sampleRate)
        guard header.count == headerPages else { return (outcome.working, outcome.result, nil) }
        var hasher = SHA256()
        for page in header + pages[headerPages...] {
            try page.withUnsafeBytes { bytes in
                hasher.update(bufferPointer: bytes)
                try writer.write(bytes)
            }
        }
        progress?(.encoding, 1)
        return (outcome.working, outcome.result, (encoded.finish(), hasher.finalize().hexString))
    }

    /// The Ogg pages holding the OpusHead and OpusTags headers an encoder with `settings` and `tags` starts with.
    static func headerPages(
        settings: OpusEncoderSettings, tags: [(String, String)], sampleRate: Int
    ) throws -> [[UInt8]] {
        var pages: [[UInt8]] = []
        let encoder = try OggOpusEncoder(settings: settings, tags: tags, sampleRate: sampleRate) {
            pages.append(Array($0))
        }
        try encoder.flushHeader()
        return pages
    }
}
