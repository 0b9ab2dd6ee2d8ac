import CommuneCastTesting
import Foundation
import Testing

@testable import AudioCodec

@Suite("The pipeline's memory limit: a signal that would need more is refused, and nothing is written")
struct MemoryLimitTests {
    /// 16 MiB: a million samples at `MediaEncoder.bytesPerFrame`.
    static var options: EncodeOptions {
        var options = EncodeOptions()
        options.maxSignalMemoryBytes = 16 * 1_024 * 1_024
        return options
    }

    /// A source that does not say how long it is, as some of FFmpeg's decoders do not.
    final class Undeclared: PCMSource {
        let format = AudioFormat(sampleRate: 48_000, channels: 1)
        let frameCount: Int? = nil
        private var left: Int
        init(frames: Int) { left = frames }
        func read(into buffer: UnsafeMutableBufferPointer<Float>) throws -> Int {
            let frames = min(left, buffer.count)
            for index in 0..<frames { buffer[index] = Float(sin(Double(left - index) * 0.05) * 0.3) }
            left -= frames
            return frames
        }
    }

    @Test("a file that declares its length is refused before it is decoded, naming it, the need and the limit")
    func declaredLength() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let input = directory.file("hop-dan.wav")
        try WAVWriter.write(Signals.sine(frequency: 440, seconds: 30, sampleRate: 48_000), to: input,
                            sampleRate: 48_000)
        let output = directory.file("hop-dan.opus")
        #expect {
            try MediaEncoder.encode(input: input, output: output, options: Self.options)
        } throws: { error in
            (error as? MediaError) == .needsTooMuchMemory(path: input, seconds: 30, neededBytes: 23_040_000,
                                                          limitBytes: 16 * 1_024 * 1_024)
        }
        let refusal = MediaError.needsTooMuchMemory(path: input, seconds: 30, neededBytes: 23_040_000,
                                                    limitBytes: 16_777_216)
        let message = "\(refusal)"
        #expect(message.contains("30 s of audio needs about 23 MB"), "\(message)")
        #expect(message.contains("this machine allows 17 MB"), "\(message)")
        #expect(!FileManager.default.fileExists(atPath: output))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["hop-dan.wav"])
    }

    @Test("a source that does not declare its length is refused as soon as decoding passes the limit")
    func undeclaredLength() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let output = directory.file("long.opus")
        var thrown: MediaError?
        do {
            _ = try MediaEncoder.encode(decoder: Undeclared(frames: 30 * 48_000), inputFormat: "test", input: "long",
                                        output: output, options: Self.options)
        } catch let error as MediaError {
            thrown = error
        }
        guard case let .needsTooMuchMemory(path, seconds, needed, limit) = thrown else {
            Issue.record("expected a refusal for memory, got \(String(describing: thrown))")
            return
        }
        #expect(path == "long")
        // Refused at the first chunk past a million samples, long before the 30 s were read.
        #expect(seconds > 21.8 && seconds < 23, "refused at \(seconds) s")
        #expect(needed > limit)
        #expect(!FileManager.default.fileExists(atPath: output))
    }

    @Test("a signal within the limit is encoded as before")
    func withinLimit() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let output = directory.file("short.opus")
        let report = try MediaEncoder.encode(decoder: Undeclared(frames: 10 * 48_000), inputFormat: "test",
                                             input: "short", output: output, options: Self.options)
        #expect(report.durationSeconds == 10)
        #expect(FileManager.default.fileExists(atPath: output))
    }
}
