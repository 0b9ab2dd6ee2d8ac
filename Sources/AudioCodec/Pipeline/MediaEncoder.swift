import Crypto
import Foundation
import HostSystem

/// The import pipeline of DESIGN §3: decode → downmix to mono → resample to 48 kHz → measure loudness → normalise
/// without clipping → encode Opus → write atomically. `media encode` and the daemon's `UploadMedia` both run it.
public enum MediaEncoder {
    /// Stages reported to a progress callback, with the fraction done within the stage.
    public enum Stage: String, Sendable {
        case decoding, normalising, encoding
    }

    /// Called now and then with the current stage and 0…1 progress within it.
    public typealias Progress = (Stage, Double) -> Void

    /// Encodes `input` (WAV or Ogg Opus, read by our own readers) to `output`. On any error nothing is left at
    /// `output` (not even a temporary file) and an existing `output` is untouched.
    public static func encode(
        input: String, output: String, options: EncodeOptions = EncodeOptions(), progress: Progress? = nil
    ) throws -> EncodeReport {
        let source = try MediaSource.open(path: input)
        return try encode(decoder: source.decoder, inputFormat: source.formatDescription, input: input,
                          inputRate: source.originalSampleRate, output: output, options: options, progress: progress)
    }

    /// Encodes what `decoder` produces to `output`: the entry point for other decoders (FFmpeg's in the CLI, speech
    /// synthesis). `input` names the source in messages and the report, and gives the default title; `inputRate`
    /// is the rate the audio was made at (the decoder's own when not given).
    public static func encode(
        decoder: PCMSource, inputFormat: String, input: String, inputRate: Int? = nil, output: String,
        options: EncodeOptions = EncodeOptions(), progress: Progress? = nil
    ) throws -> EncodeReport {
        try MediaError.reportingWrites {
            try write(decoder: decoder, inputFormat: inputFormat, input: input, inputRate: inputRate, output: output,
                      options: options, progress: progress)
        }
    }

    private static func write(
        decoder: PCMSource, inputFormat: String, input: String, inputRate: Int?, output: String,
        options: EncodeOptions, progress: Progress?
    ) throws -> EncodeReport {
        let writer = try AtomicFileWriter(destination: output, replace: options.replaceExisting)
        defer { writer.abandon() }
        let decoded = try decodeToBroadcast(decoder, path: input, options: options, progress: progress)
        var mono = decoded.samples
        let title = options.title ?? URL(fileURLWithPath: input).deletingPathExtension().lastPathComponent
        let written = try normaliseAndWrite(&mono, to: writer, title: title,
                                            inputRate: inputRate ?? decoder.format.sampleRate,
                                            measured: decoded.measured, options: options, progress: progress)
        return EncodeReport(
            input: input, inputFormat: inputFormat, durationSeconds: Double(mono.count) / 48_000,
            loudnessBeforeLUFS: written.before.lufs.finiteOrNil,
            truePeakBeforeDBTP: written.before.truePeak.finiteOrNil,
            gainDB: written.result.gainDB, limited: written.result.limited,
            loudnessAfterLUFS: written.result.loudness, truePeakAfterDBTP: written.truePeak,
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
            loudnessAfterLUFS: written.result.loudness, truePeakAfterDBTP: written.truePeak,
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

    /// Measures, normalises, encodes and commits mono 48 kHz samples; shared by files and generated tones.
    /// `inputRate` is the rate the audio was made at, kept in the file's tags for `media info` (the OpusHead says
    /// 48 kHz, the rate the encoder was fed).
    ///
    /// The input's true peak (for the report) runs on a second thread while the first encodes, and so does a decode
    /// of the encoded stream as it is written: Opus lets peaks overshoot, so the ceiling is checked on what the file
    /// will play, which is the one true-peak measurement the decision needs. A file that passes it is made
    /// again, limited with more headroom (the limiter keeps the loudness on target); the last of four attempts
    /// lowers the gain instead. A failed attempt never reaches the destination.
    ///
    /// `measured` is the integrated loudness and sample peak when the decoding stage already measured them.
    static func normaliseAndWrite(
        _ mono: inout [Float], to writer: AtomicFileWriter, title: String, inputRate: Int? = nil,
        measured: (lufs: Double, samplePeak: Double)? = nil, options: EncodeOptions, progress: Progress?
    ) throws -> (before: (lufs: Double, truePeak: Double), result: LoudnessNormaliser.Result, truePeak: Double?,
                 bytes: Int, sha256: String) {
        let original = mono
        let serial = serialNumber(for: mono)
        let lufs = try measured?.lufs
            ?? mono.withUnsafeBufferPointer { try LoudnessMeter.integratedLoudness($0, format: .broadcast) }
        var peak = measured?.samplePeak ?? mono.withUnsafeBufferPointer { LoudnessMeter.samplePeak($0) }
        let samplePeak = Float(Decibels.linear(peak))
        let beforePeak = BackgroundValue("communecast-true-peak") {
            try original.withUnsafeBufferPointer { try TruePeakScanner.truePeak($0, atLeast: samplePeak) }
        }
        var peakIsTrue = false
        var headroom = 0.0
        let allowed = options.truePeakCeiling - LoudnessNormaliser.codecMarginDB
        // What the decoded file may reach: the ceiling, less a hair for decoders that round differently.
        let fileCeiling = options.truePeakCeiling - 0.05
        // The previous attempt's signal and the cut its file needs, when a gain change is enough to fix it.
        var rescale: (working: [Float], result: LoudnessNormaliser.Result, cut: Double)?
        let attempts = 4
        for attempt in 0..<attempts {
            var working: [Float]
            var result: LoudnessNormaliser.Result
            progress?(.normalising, 0)
            if let previous = rescale {
                working = previous.working
                result = previous.result
                result.pendingGainDB -= previous.cut
                result.gainDB -= previous.cut
                result.loudness = result.loudness.map { $0 - previous.cut }
            } else {
                working = original
                result = try LoudnessNormaliser.normalise(
                    &working, loudness: lufs, peak: peak, peakIsTrue: peakIsTrue, options: options,
                    headroomDB: headroom
                )
            }
            progress?(.normalising, 1)
            if attempt > 0 { try writer.restart() }
            var hasher = SHA256()
            let encoded = EncodedPeakMeter()
            var tags = [("ENCODER", "CommuneCast"), (BroadcastReady.pipelineKey, BroadcastReady.pipeline(options)),
                        (BroadcastReady.loudnessKey, result.loudness.map { String(format: "%.2f", $0) } ?? "none")]
            if let inputRate { tags.append((BroadcastReady.inputRateKey, "\(inputRate)")) }
            if !title.isEmpty { tags.append(("TITLE", title)) }
            var settings = options.opus
            settings.serialNumber = settings.serialNumber ?? serial
            let encoder = try OggOpusEncoder(settings: settings, tags: tags) { bytes in
                hasher.update(bufferPointer: bytes)
                encoded.feed(bytes)
                try writer.write(bytes)
            }
            try encode(working, gainDB: result.pendingGainDB, with: encoder, progress: progress)
            let filePeak = encoded.finish()
            let before = try beforePeak.value
            // The file's own peak is the guarantee. Only if the stream could not be decoded back does the peak of
            // what the encoder was given stand in, with the codec's margin.
            let after = try filePeak ?? signalPeak(working, gainDB: result.pendingGainDB)
            let signalFits = filePeak != nil || !after.isFinite || after <= allowed + 0.01
            let overshoot = filePeak.map { $0 - fileCeiling } ?? 0
            if (signalFits && overshoot <= 0) || attempt == attempts - 1 {
                mono = working
                let bytes = try writer.commit()
                return ((lufs, before), result, after.finiteOrNil, bytes, hasher.finalize().hexString)
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

    /// The true peak of `samples` with `gainDB` applied, dBTP: what the encoder was given.
    static func signalPeak(_ samples: [Float], gainDB: Double) throws -> Double {
        try samples.withUnsafeBufferPointer { try TruePeakScanner.truePeak($0) } + gainDB
    }

    /// Decodes the whole source to mono 48 kHz, enforcing the length limit and rejecting empty audio. Three stages
    /// overlap: decoding and downmixing on one thread, resampling on the caller's, and the integrated loudness and
    /// sample peak of the resampled signal on a third, so both are known when the last sample is.
    static func decodeToBroadcast(
        _ decoder: PCMSource, path: String, options: EncodeOptions, progress: Progress?
    ) throws -> (samples: [Float], measured: (lufs: Double, samplePeak: Double)) {
        let format = decoder.format
        let limitFrames = Int(options.maxDurationSeconds * Double(format.sampleRate))
        if let total = decoder.frameCount, total > limitFrames {
            throw MediaError.tooLong(path: path, seconds: Double(total) / Double(format.sampleRate),
                                     limitSeconds: options.maxDurationSeconds)
        }
        let resampler = format.sampleRate == 48_000
            ? nil : try SpeexResampler(channels: 1, from: format.sampleRate, to: 48_000)
        var output: [Float] = []
        if let total = decoder.frameCount {
            output.reserveCapacity(Int(Double(total) * 48_000 / Double(format.sampleRate)) + 1_024)
        }
        // Decoding and downmixing run on a thread of their own; resampling runs here, on the other core.
        let queue = ChunkQueue<[Float]>(capacity: 8)
        let reader = BackgroundValue("communecast-decode") { () throws -> Int in
            defer { queue.finish() }
            let chunkFrames = 16_384
            var chunk = [Float](repeating: 0, count: chunkFrames * format.channels)
            var framesRead = 0
            while true {
                let frames = try chunk.withUnsafeMutableBufferPointer { try decoder.read(into: $0) }
                if frames == 0 { return framesRead }
                framesRead += frames
                if framesRead > limitFrames {
                    throw MediaError.tooLong(path: path, seconds: Double(framesRead) / Double(format.sampleRate),
                                             limitSeconds: options.maxDurationSeconds)
                }
                var mono = [Float](repeating: 0, count: frames)
                downmix(chunk, frames: frames, channels: format.channels, into: &mono)
                queue.put(mono)
                if let total = decoder.frameCount, total > 0 {
                    progress?(.decoding, Double(framesRead) / Double(total))
                }
            }
        }
        let measuring = ChunkQueue<[Float]>(capacity: 64)
        let meter = BackgroundValue("communecast-measure") { () throws -> (lufs: Double, samplePeak: Double) in
            defer { while measuring.take() != nil {} }
            let meter = try LoudnessMeter(format: .broadcast, truePeak: false)
            var peak = -Double.infinity
            while let chunk = measuring.take() {
                chunk.withUnsafeBufferPointer {
                    meter.add($0)
                    peak = max(peak, LoudnessMeter.samplePeak($0))
                }
            }
            return (meter.integratedLoudness, peak)
        }
        var measured = 0
        let handOver = {
            measuring.put(Array(output[measured...]))
            measured = output.count
        }
        defer { measuring.finish() }
        while let mono = queue.take() {
            if let resampler {
                mono.withUnsafeBufferPointer { resampler.process($0, into: &output) }
            } else {
                output.append(contentsOf: mono)
            }
            handOver()
        }
        _ = try reader.value
        resampler?.flush(into: &output)
        handOver()
        measuring.finish()
        guard !output.isEmpty else { throw MediaError.empty(path: path) }
        return (output, try meter.value)
    }

    /// Averages interleaved channels into `mono`.
    static func downmix(_ interleaved: [Float], frames: Int, channels: Int, into mono: inout [Float]) {
        interleaved.withUnsafeBufferPointer { input in
            mono.withUnsafeMutableBufferPointer { out in
                switch channels {
                case 1:
                    for index in 0..<frames { out[index] = input[index] }
                case 2:
                    for index in 0..<frames { out[index] = 0.5 * (input[2 * index] + input[2 * index + 1]) }
                default:
                    let scale = 1 / Float(channels)
                    for index in 0..<frames {
                        var sum: Float = 0
                        for channel in 0..<channels { sum += input[index * channels + channel] }
                        out[index] = sum * scale
                    }
                }
            }
        }
    }

    /// Feeds `samples` to the encoder with `gainDB` applied, in one-second pieces.
    static func encode(_ samples: [Float], gainDB: Double, with encoder: OggOpusEncoder, progress: Progress?) throws {
        let factor = Float(Decibels.linear(gainDB))
        let piece = 48_000
        var scratch = [Float](repeating: 0, count: piece)
        var offset = 0
        while offset < samples.count {
            let count = min(piece, samples.count - offset)
            for index in 0..<count { scratch[index] = samples[offset + index] * factor }
            try scratch.withUnsafeBufferPointer { try encoder.write(UnsafeBufferPointer(rebasing: $0[0..<count])) }
            offset += count
            progress?(.encoding, Double(offset) / Double(samples.count))
        }
        try encoder.finish()
        progress?(.encoding, 1)
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
