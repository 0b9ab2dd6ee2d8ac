import Foundation
import HostSystem

/// The import pipeline of DESIGN §3: decode → downmix to mono → measure loudness → normalise without clipping →
/// resample to 48 kHz and encode Opus → write atomically. Everything before the encoder works at the input's own
/// rate, and libopusenc resamples as it encodes (speex quality 5, as opusenc does): nothing has to be resampled
/// before the encoder can start. `media encode` and the daemon's `UploadMedia` both run it.
public enum MediaEncoder {
    /// Stages reported to a progress callback, with the fraction done within the stage.
    public enum Stage: String, Sendable {
        case decoding, normalising, encoding
    }

    /// Called now and then with the current stage and 0…1 progress within it, from the pipeline's threads.
    public typealias Progress = @Sendable (Stage, Double) -> Void

    /// Encodes `input` (WAV or Ogg Opus, read by our own readers) to `output`. On any error nothing is left at
    /// `output` (not even a temporary file) and an existing `output` is untouched.
    public static func encode(
        input: String, output: String, options: EncodeOptions = EncodeOptions(), progress: Progress? = nil
    ) throws -> EncodeReport {
        let source = try MediaSource.open(path: input)
        let inputFormat = source.formatDescription
        let inputRate = source.originalSampleRate
        return try encode(decoder: source.decoder, inputFormat: inputFormat, input: input, inputRate: inputRate,
                          output: output, options: options, progress: progress)
    }

    /// Encodes what `decoder` produces to `output`: the entry point for other decoders (FFmpeg's in the CLI, speech
    /// synthesis). `input` names the source in messages and the report, and gives the default title; `inputRate`
    /// is the rate the audio was made at (the decoder's own when not given). The decoder is `sending`: it is read
    /// on the pipeline's decoding thread, so the caller gives it up.
    public static func encode(
        decoder: sending PCMSource, inputFormat: String, input: String, inputRate: Int? = nil, output: String,
        options: EncodeOptions = EncodeOptions(), progress: Progress? = nil
    ) throws -> EncodeReport {
        // `MediaError.reportingWrites`, written out: a closure could not send the decoder on.
        do {
            return try write(decoder: decoder, inputFormat: inputFormat, input: input, inputRate: inputRate,
                             output: output, options: options, progress: progress)
        } catch let error as AtomicWriteError {
            throw MediaError(error)
        }
    }

    private static func write(
        decoder: sending PCMSource, inputFormat: String, input: String, inputRate: Int?, output: String,
        options: EncodeOptions, progress: Progress?
    ) throws -> EncodeReport {
        let writer = try AtomicFileWriter(destination: output, replace: options.replaceExisting)
        defer { writer.abandon() }
        let rate = decoder.format.sampleRate
        let decoded = try decodeToMono(decoder, path: input, options: options, progress: progress)
        var mono = decoded.samples
        let title = options.title ?? URL(fileURLWithPath: input).deletingPathExtension().lastPathComponent
        let written = try normaliseAndWrite(&mono, sampleRate: rate, to: writer, title: title,
                                            inputRate: inputRate ?? rate, measured: decoded.measured,
                                            options: options, progress: progress)
        return EncodeReport(
            input: input, inputFormat: inputFormat, durationSeconds: Double(mono.count) / Double(rate),
            loudnessBeforeLUFS: written.before.lufs.finiteOrNil,
            truePeakBeforeDBTP: written.before.truePeak.finiteOrNil,
            gainDB: written.result.gainDB, limited: written.result.limited,
            loudnessAfterLUFS: written.loudness, truePeakAfterDBTP: written.truePeak,
            output: output, outputBytes: written.bytes, outputSHA256: written.sha256, bitrate: options.opus.bitrate
        )
    }

    /// Renders a generated tone and writes it like any announcement, normalised to the same target loudness.
    public static func writeTone(
        _ kind: ToneKind, seconds: Double, output: String, options: EncodeOptions = EncodeOptions()
    ) throws -> EncodeReport {
        try MediaError.reportingWrites { try write(kind, seconds: seconds, output: output, options: options) }
    }

    private static func write(
        _ kind: ToneKind, seconds: Double, output: String, options: EncodeOptions
    ) throws -> EncodeReport {
        let writer = try AtomicFileWriter(destination: output, replace: options.replaceExisting)
        defer { writer.abandon() }
        var samples = ToneGenerator.render(kind, seconds: seconds)
        guard !samples.isEmpty else { throw MediaError.empty(path: output) }
        let written = try normaliseAndWrite(&samples, to: writer, title: "\(kind.rawValue) tone", options: options,
                                            progress: nil)
        return EncodeReport(
            input: "tone:\(kind.rawValue)", inputFormat: "generated, 48000 Hz mono",
            durationSeconds: Double(samples.count) / 48_000,
            loudnessBeforeLUFS: written.before.lufs.finiteOrNil, truePeakBeforeDBTP: written.before.truePeak.finiteOrNil,
            gainDB: written.result.gainDB, limited: written.result.limited,
            loudnessAfterLUFS: written.loudness, truePeakAfterDBTP: written.truePeak,
            output: output, outputBytes: written.bytes, outputSHA256: written.sha256, bitrate: options.opus.bitrate
        )
    }

    /// A serial number for the Ogg stream taken from the audio itself (FNV-1a over the samples' bits), so encoding
    /// the same audio twice gives the same bytes and the same SHA-256.
    static func serialNumber(for samples: [Float]) -> Int32 {
        var hash: UInt32 = 2_166_136_261
        for sample in samples {
            hash = (hash ^ sample.bitPattern) &* 16_777_619
        }
        return Int32(bitPattern: hash)
    }

    /// Measures, normalises, encodes and commits mono samples at `sampleRate`; shared by files and generated tones.
    /// `inputRate` is the rate the audio was made at, kept in the file's tags for `media info` (the OpusHead says
    /// the rate the encoder was fed).
    ///
    /// The input's true peak (for the report) runs on a second thread while the first encodes, and so does a decode
    /// of the encoded stream as it is written: Opus lets peaks overshoot, so the ceiling is checked on what the file
    /// will play, which is the one true-peak measurement the decision needs. A file that passes it is made
    /// again, limited with more headroom (the limiter keeps the loudness on target); the last of four attempts
    /// lowers the gain instead. A failed attempt never reaches the destination. A long signal's first attempt
    /// encodes the limiter's output while it is being made (`normaliseWhileEncoding`), with the same result.
    /// The same decode measures the file's loudness, the loudness returned; a file that misses the target by more
    /// than the tolerance because of the codec is made again aimed higher (`loudnessMiss`). The tags hold the
    /// loudness the file was made for (the signal's, less what the codec was expected to take), which a site stores
    /// for a file it keeps as sent.
    ///
    /// `measured` is the integrated loudness and sample peak when the decoding stage already measured them. The
    /// tests move `excerptFrom` (the length in samples from which the limiter's gain is searched on an excerpt, and
    /// the first attempt encodes speculatively; four minutes by default) and turn `speculate` off to compare with
    /// normalising, then encoding.
    static func normaliseAndWrite(
        _ mono: inout [Float], sampleRate: Int = 48_000, to writer: AtomicFileWriter, title: String,
        inputRate: Int? = nil, measured: (lufs: Double, samplePeak: Double)? = nil, options: EncodeOptions,
        progress: Progress?, excerptFrom: Int? = nil, splitFrom: Int? = nil, speculate: Bool = true
    ) throws -> (before: (lufs: Double, truePeak: Double), result: LoudnessNormaliser.Result, truePeak: Double?,
                 loudness: Double?, bytes: Int, sha256: String) {
        let original = mono
        let format = AudioFormat(sampleRate: sampleRate, channels: 1)
        let excerptFrom = excerptFrom ?? LoudnessNormaliser.excerptMinimumSeconds * sampleRate
        // The serial number hashes the whole signal: it is taken when the first encoder is made, which the
        // speculative attempt does while the gain search runs on another thread.
        var settled: OpusEncoderSettings?
        let encoderSettings = { () -> OpusEncoderSettings in
            if let settled { return settled }
            var settings = options.opus
            settings.serialNumber = settings.serialNumber ?? serialNumber(for: original)
            settled = settings
            return settings
        }
        let lufs = try measured?.lufs
            ?? mono.withUnsafeBufferPointer { try LoudnessMeter.integratedLoudness($0, format: format) }
        var peak = measured?.samplePeak ?? mono.withUnsafeBufferPointer { LoudnessMeter.samplePeak($0) }
        let samplePeak = Float(Decibels.linear(peak))
        // The input's true peak is for the report and a second attempt; it starts beside the encoder, so that it
        // does not slow the gain search before it.
        var started: BackgroundValue<Double>?
        let beforePeak = { () -> BackgroundValue<Double> in
            if let started { return started }
            let measuring = BackgroundValue("cc-true-peak") {
                try original.withUnsafeBufferPointer {
                    try TruePeakScanner.truePeak($0, atLeast: samplePeak, sampleRate: sampleRate)
                }
            }
            started = measuring
            return measuring
        }
        let tags = { (loudness: Double?) in
            Self.tags(loudness: loudness, inputRate: inputRate, title: title, options: options)
        }
        var peakIsTrue = false
        var headroom = 0.0
        let allowed = options.truePeakCeiling - LoudnessNormaliser.codecMarginDB
        // What the decoded file may reach: the ceiling, less a hair for decoders that round differently.
        let fileCeiling = options.truePeakCeiling - 0.05
        // The previous attempt's signal and the cut its file needs, when a gain change is enough to fix it.
        var rescale: (working: [Float], result: LoudnessNormaliser.Result, cut: Double)?
        // What the codec took off the loudness, LU, once a file missed the target by more than the tolerance: the
        // signal is then normalised this much above the target, so that the file lands on it.
        var codecLoss = 0.0
        let attempts = 4
        for attempt in 0..<attempts {
            var working: [Float]
            var result: LoudnessNormaliser.Result
            var speculative: Encoded?
            progress?(.normalising, 0)
            if let previous = rescale {
                working = previous.working
                result = previous.result
                result.pendingGainDB -= previous.cut
                result.gainDB -= previous.cut
                result.loudness = result.loudness.map { $0 - previous.cut }
            } else if attempt == 0, speculate, original.count >= excerptFrom {
                (working, result, speculative) = try normaliseWhileEncoding(
                    original, sampleRate: sampleRate, loudness: lufs, peak: peak, options: options,
                    settings: encoderSettings(), tags: tags,
                    writer: writer, excerptFrom: excerptFrom, splitFrom: splitFrom, progress: progress,
                    encodingStarts: { _ = beforePeak() }
                )
            } else {
                working = original
                var aimed = options
                aimed.targetLUFS += codecLoss
                result = try LoudnessNormaliser.normalise(
                    &working, sampleRate: sampleRate, loudness: lufs, peak: peak, peakIsTrue: peakIsTrue,
                    options: aimed, headroomDB: headroom, excerptFrom: excerptFrom
                )
            }
            if speculative == nil { progress?(.normalising, 1) }
            _ = beforePeak()
            let encoded: Encoded
            if let speculative {
                encoded = speculative
            } else {
                if attempt > 0 { try writer.restart() }
                encoded = try encodeAttempt(working, sampleRate: sampleRate, gainDB: result.pendingGainDB,
                                            settings: encoderSettings(),
                                            tags: tags(result.loudness.map { $0 - codecLoss }), writer: writer,
                                            splitFrom: splitFrom, progress: progress)
            }
            let filePeak = encoded.file.truePeak
            let before = try beforePeak().value
            // The file's own peak is the guarantee. Only if the stream could not be decoded back does the peak of
            // what the encoder was given stand in, with the codec's margin.
            let after = try filePeak ?? signalPeak(working, sampleRate: sampleRate, gainDB: result.pendingGainDB)
            let signalFits = filePeak != nil || !after.isFinite || after <= allowed + 0.01
            let overshoot = filePeak.map { $0 - fileCeiling } ?? 0
            let fits = signalFits && overshoot <= 0
            // A file that holds its peaks but misses the loudness is made again aimed higher by the miss, while two
            // attempts remain: should that one pass the ceiling, the last can still lower its gain.
            if fits, attempt + 2 < attempts,
               let miss = loudnessMiss(file: encoded.file.loudness, result: result, codecLoss: codecLoss,
                                       options: options) {
                codecLoss += miss
                rescale = nil
                continue
            }
            if fits || attempt == attempts - 1 {
                mono = working
                let bytes = try writer.commit()
                return ((lufs, before), result, after.finiteOrNil, encoded.file.loudness ?? result.loudness, bytes,
                        encoded.sha256)
            }
            // How Opus codes the peaks shifts with every change of the signal (a gain 0.2 dB lower gave a peak
            // 0.2 dB higher on the benchmark speech), so each step leaves a generous margin. Limiting with more
            // headroom keeps the loudness on target; the last attempt lowers the gain instead, which brings every
            // peak down, at some loudness, for the rare signal the limiter cannot tame (plucked strings).
            if attempt + 2 == attempts, signalFits {
                rescale = (working, result, 2 * overshoot + 0.3)
            } else {
                rescale = nil
                headroom += max(signalFits ? 0 : after - allowed, overshoot, 0) + 0.3
                peak = before
                peakIsTrue = true
            }
        }
        throw MediaError.library(function: "normalise", code: -1, message: "true peak could not be held")
    }

    /// How far a file that decodes at `file` LUFS missed the target, LU (positive when it is too quiet), when the
    /// codec made it miss by more than ``loudnessToleranceLU`` and another attempt aimed higher can make it up. Nil
    /// for near-silence, for a file that could not be measured, when the gain is already the most allowed, when the
    /// normaliser itself did not reach its aim (a limiter that cannot raise brown noise further would not do better
    /// aimed higher), and when the codec would have taken more than ``maxCodecLossLU`` off: the file is kept.
    static func loudnessMiss(
        file: Double?, result: LoudnessNormaliser.Result, codecLoss: Double, options: EncodeOptions
    ) -> Double? {
        guard let normalised = result.loudness, let file,
              abs(normalised - (options.targetLUFS + codecLoss)) <= loudnessToleranceLU else { return nil }
        let miss = options.targetLUFS - file
        guard abs(miss) > loudnessToleranceLU, abs(codecLoss + miss) <= maxCodecLossLU else { return nil }
        if miss > 0, result.gainDB >= options.maxGainDB - 0.05 { return nil }
        return miss
    }

    /// How far from the target a file's own loudness may land before it is made again: EBU R128's tolerance where
    /// exact normalisation is not practical. Opus at 24 kb/s takes about 0.3 LU off speech, which stays; white noise
    /// loses 2 LU, music with cymbals somewhere between.
    static let loudnessToleranceLU = 0.5
    /// The most the signal is aimed above the target to make up for the codec.
    static let maxCodecLossLU = 4.0

    /// The true peak of `samples` with `gainDB` applied, dBTP: what the encoder was given.
    static func signalPeak(_ samples: [Float], sampleRate: Int, gainDB: Double) throws -> Double {
        try samples.withUnsafeBufferPointer { try TruePeakScanner.truePeak($0, sampleRate: sampleRate) } + gainDB
    }
}

extension Sequence where Element == UInt8 {
    /// Lowercase hexadecimal, as the media store and `media info` print digests.
    public var hexString: String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        for byte in self {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
