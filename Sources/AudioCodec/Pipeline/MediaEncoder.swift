import Crypto
import Foundation

/// The import pipeline of DESIGN §3: decode → downmix to mono → resample to 48 kHz → measure loudness → normalise
/// without clipping → encode Opus → write atomically. `media encode` and the daemon's `UploadMedia` both run it.
public enum MediaEncoder {
    /// Stages reported to a progress callback, with the fraction done within the stage.
    public enum Stage: String, Sendable {
        case decoding, normalising, encoding
    }

    /// Called now and then with the current stage and 0…1 progress within it.
    public typealias Progress = (Stage, Double) -> Void

    /// Encodes `input` to `output`. On any error nothing is left at `output` (not even a temporary file) and an
    /// existing `output` is untouched.
    public static func encode(
        input: String, output: String, options: EncodeOptions = EncodeOptions(), progress: Progress? = nil
    ) throws -> EncodeReport {
        let source = try MediaSource.open(path: input)
        let writer = try AtomicFileWriter(destination: output, replace: options.replaceExisting)
        defer { writer.abandon() }
        var mono = try decodeToBroadcast(source, path: input, options: options, progress: progress)
        let title = URL(fileURLWithPath: input).deletingPathExtension().lastPathComponent
        let written = try normaliseAndWrite(&mono, to: writer, title: title, options: options, progress: progress)
        return EncodeReport(
            input: input, inputFormat: source.formatDescription, durationSeconds: Double(mono.count) / 48_000,
            loudnessBeforeLUFS: written.before.lufs.finiteOrNil, truePeakBeforeDBTP: written.before.truePeak.finiteOrNil,
            gainDB: written.result.gainDB, limited: written.result.limited,
            loudnessAfterLUFS: written.result.loudness, truePeakAfterDBTP: written.result.truePeak,
            output: output, outputBytes: written.bytes, outputSHA256: written.sha256, bitrate: options.opus.bitrate
        )
    }

    /// Renders a generated tone and writes it like any announcement, normalised to the same target loudness.
    public static func writeTone(
        _ kind: ToneKind, seconds: Double, output: String, options: EncodeOptions = EncodeOptions()
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
            loudnessAfterLUFS: written.result.loudness, truePeakAfterDBTP: written.result.truePeak,
            output: output, outputBytes: written.bytes, outputSHA256: written.sha256, bitrate: options.opus.bitrate
        )
    }

    /// Measures, normalises, encodes and commits mono 48 kHz samples; shared by files and generated tones.
    static func normaliseAndWrite(
        _ mono: inout [Float], to writer: AtomicFileWriter, title: String, options: EncodeOptions,
        progress: Progress?
    ) throws -> (before: (lufs: Double, truePeak: Double), result: LoudnessNormaliser.Result, bytes: Int,
                 sha256: String) {
        let before = try LoudnessMeter.measure(mono, format: .broadcast)
        progress?(.normalising, 0)
        let result = try LoudnessNormaliser.normalise(
            &mono, loudness: before.lufs, truePeak: before.truePeak, options: options
        )
        progress?(.normalising, 1)
        var hasher = SHA256()
        let tags = [("ENCODER", "CommuneCast"), ("TITLE", title)]
        let encoder = try OggOpusEncoder(settings: options.opus, tags: tags) { bytes in
            hasher.update(bufferPointer: bytes)
            try writer.write(bytes)
        }
        try encode(mono, gainDB: result.pendingGainDB, with: encoder, progress: progress)
        let bytes = try writer.commit()
        return (before, result, bytes, hasher.finalize().hexString)
    }

    /// Decodes the whole source to mono 48 kHz, enforcing the length limit and rejecting empty audio.
    static func decodeToBroadcast(
        _ source: MediaSource, path: String, options: EncodeOptions, progress: Progress?
    ) throws -> [Float] {
        let format = source.decoder.format
        let limitFrames = Int(options.maxDurationSeconds * Double(format.sampleRate))
        if let total = source.decoder.frameCount, total > limitFrames {
            throw MediaError.tooLong(path: path, seconds: Double(total) / Double(format.sampleRate),
                                     limitSeconds: options.maxDurationSeconds)
        }
        let resampler = format.sampleRate == 48_000
            ? nil : try SpeexResampler(channels: 1, from: format.sampleRate, to: 48_000)
        let chunkFrames = 16_384
        var chunk = [Float](repeating: 0, count: chunkFrames * format.channels)
        var mono = [Float](repeating: 0, count: chunkFrames)
        var output: [Float] = []
        if let total = source.decoder.frameCount {
            output.reserveCapacity(Int(Double(total) * 48_000 / Double(format.sampleRate)) + 1_024)
        }
        var framesRead = 0
        while true {
            let frames = try chunk.withUnsafeMutableBufferPointer { try source.decoder.read(into: $0) }
            if frames == 0 { break }
            framesRead += frames
            if framesRead > limitFrames {
                throw MediaError.tooLong(path: path, seconds: Double(framesRead) / Double(format.sampleRate),
                                         limitSeconds: options.maxDurationSeconds)
            }
            downmix(chunk, frames: frames, channels: format.channels, into: &mono)
            if let resampler {
                mono.withUnsafeBufferPointer { resampler.process(UnsafeBufferPointer(rebasing: $0[0..<frames]),
                                                                 into: &output) }
            } else {
                output.append(contentsOf: mono[0..<frames])
            }
            if let total = source.decoder.frameCount, total > 0 {
                progress?(.decoding, Double(framesRead) / Double(total))
            }
        }
        resampler?.flush(into: &output)
        guard !output.isEmpty else { throw MediaError.empty(path: path) }
        return output
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
