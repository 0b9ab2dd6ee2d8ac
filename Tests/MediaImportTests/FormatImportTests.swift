import AudioCodec
import CommuneCastTesting
import Foundation
import MediaImport
import Testing

@Suite("Import through FFmpeg: every format decodes to the right length and lands at -16 LUFS, peak <= -1 dBTP")
struct FormatImportTests {
    @Test("format", arguments: ImportFixtures.formats)
    func format(_ format: ImportFixtures.Format) throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let source = try ImportFixtures.source(in: directory)
        let input = try ImportFixtures.make(format, from: source.path, in: directory)
        let output = directory.file("out.opus")
        let report = try MediaImporter.encode(input: input, output: output)
        #expect(abs(report.durationSeconds - source.seconds) <= 0.020,
                "\(format): \(report.durationSeconds) s decoded, \(source.seconds) s in the source")
        let info = try MediaInfo.inspect(path: output)
        #expect(abs(info.durationSeconds - source.seconds) <= 0.020, "\(format): \(info.durationSeconds) s stored")
        let measured = try AudioMeasure.loudness(output)
        #expect(abs(measured.lufs + 16) <= 1, "\(format): \(measured.lufs) LUFS")
        #expect(measured.peak <= -1, "\(format): true peak \(measured.peak) dBTP")
        #expect(report.gainDB > 6, "\(format): the quiet source must be brought up, gain \(report.gainDB) dB")
        // `media info` reads the same file: its length, and (in stereo) the source's loudness, not the stored one's.
        let original = try MediaImporter.inspect(input: input)
        #expect(abs(original.durationSeconds - source.seconds) <= 0.020, "\(format): \(original.durationSeconds) s")
        if original.channels == 2 {
            let sourceLoudness = try MediaInfo.inspect(path: source.path).integratedLoudnessLUFS ?? 0
            let loudness = original.integratedLoudnessLUFS ?? 0
            #expect(abs(loudness - sourceLoudness) < 0.5, "\(format): \(loudness) LUFS, the source \(sourceLoudness)")
        }
        #expect(!original.container.isEmpty && !original.codec.isEmpty && original.bytes > 0)
    }

    @Test("a file whose header declares more than the memory limit allows is refused before it is decoded")
    func memoryLimitFromTheHeader() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let flac = directory.file("hop-dan.flac")
        try AudioMeasure.convert(Signals.sine(frequency: 440, seconds: 30, sampleRate: 48_000), sampleRate: 48_000,
                                 to: flac, codec: ["-c:a", "flac"])
        var options = EncodeOptions()
        options.maxSignalMemoryBytes = 16 * 1_024 * 1_024
        let output = directory.file("out.opus")
        var refusal: MediaError?
        do {
            _ = try MediaImporter.encode(input: flac, output: output, options: options)
        } catch let error as MediaError {
            refusal = error
        }
        // The header's 30 s, not the 21.8 s decoding would have reached before the limit.
        guard case let .needsTooMuchMemory(path, seconds, _, limit) = refusal else {
            Issue.record("expected a refusal for memory, got \(String(describing: refusal))")
            return
        }
        #expect(path == flac && abs(seconds - 30) < 0.1 && limit == 16 * 1_024 * 1_024, "\(seconds) s")
        #expect(!FileManager.default.fileExists(atPath: output))
    }

    @Test("the decoder names the codec and container, and reports the codec's own rate and channels")
    func describes() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let source = try ImportFixtures.source(in: directory)
        let m4a = try ImportFixtures.make(ImportFixtures.formats[1], from: source.path, in: directory)
        let decoder = try FFmpegDecoder(path: m4a)
        #expect(decoder.format == AudioFormat(sampleRate: 44_100, channels: 2))
        #expect(decoder.formatDescription.contains("AAC"))
        #expect(decoder.formatDescription.contains("mov"))
        #expect(abs((decoder.declaredSeconds ?? 0) - source.seconds) < 0.05)
        let samples = try decoder.readAll()
        #expect(abs(Double(samples.count / 2) / 44_100 - source.seconds) <= 0.020)
    }
}
