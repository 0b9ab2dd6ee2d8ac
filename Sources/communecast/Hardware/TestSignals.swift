import AudioCodec
import Foundation

/// What `hw test` plays: the chime, then a spoken sentence in Vietnamese (espeak-ng) or, where espeak-ng is not
/// installed, a 1 kHz tone. Everything is brought to the broadcast loudness target, like uploaded media, so the
/// installer hears the level real announcements will have at the profile's volume.
enum TestSignals {
    /// The spoken test: "This is a test of the commune loudspeaker system. One, two, three, four, five."
    static let sentence = "Đây là buổi thử hệ thống truyền thanh của xã. Một, hai, ba, bốn, năm."
    /// Frequency of the tone played instead of speech.
    static let fallbackHz = 1_000.0

    /// One part of the test.
    struct Part {
        /// `chime`, `speech` or `tone`.
        let name: String
        /// Mono samples at the device rate.
        let samples: [Float]
        /// What an installer should know about this part, e.g. why speech was replaced by a tone.
        let note: String?
    }

    /// The chime at `rate`.
    static func chime(rate: Int) -> Part {
        Part(name: "chime", samples: normalised(ToneGenerator.render(.chime, seconds: 2.5, sampleRate: rate),
                                                rate: rate), note: nil)
    }

    /// The spoken test through espeak-ng, or the fallback tone with the reason.
    static func speech(rate: Int) -> Part {
        do {
            let spoken = try synthesise(rate: rate)
            return Part(name: "speech", samples: normalised(spoken, rate: rate), note: "espeak-ng -v vi")
        } catch {
            let tone = (0..<(2 * rate)).map { index -> Float in
                let fade = min(1, Double(min(index, 2 * rate - 1 - index)) / (0.05 * Double(rate)))
                return Float(0.5 * fade * sin(2 * .pi * fallbackHz * Double(index) / Double(rate)))
            }
            return Part(name: "tone", samples: normalised(tone, rate: rate),
                        note: "\(error); played a \(Int(fallbackHz)) Hz tone instead of the spoken test")
        }
    }

    /// Runs `espeak-ng -v vi -w FILE SENTENCE` and resamples its WAV to `rate`.
    private static func synthesise(rate: Int) throws -> [Float] {
        guard let program = findInPath("espeak-ng") else {
            throw CLIError("espeak-ng is not installed (apt install espeak-ng)")
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("communecast-hw-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let wav = directory.appendingPathComponent("speech.wav").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = ["-v", "vi", "-w", wav, sentence]
        process.standardOutput = FileHandle.nullDevice
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let said = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let text = String(decoding: said, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            throw CLIError("espeak-ng failed (status \(process.terminationStatus))\(text.isEmpty ? "" : ": \(text)")")
        }
        let reader = try WAVFileReader(path: wav)
        let mono = try reader.readAll()
        guard reader.format.channels == 1, !mono.isEmpty else { throw CLIError("espeak-ng produced no mono audio") }
        if reader.format.sampleRate == rate { return mono }
        let resampler = try SpeexResampler(channels: 1, from: reader.format.sampleRate, to: rate)
        var output: [Float] = []
        mono.withUnsafeBufferPointer { resampler.process($0, into: &output) }
        resampler.flush(into: &output)
        return output
    }

    /// Brings `samples` to the broadcast loudness target without letting peaks clip.
    private static func normalised(_ samples: [Float], rate: Int) -> [Float] {
        let format = AudioFormat(sampleRate: rate, channels: 1)
        guard let measured = try? LoudnessMeter.measure(samples, format: format), measured.lufs.isFinite else {
            return samples
        }
        let peak = samples.withUnsafeBufferPointer { LoudnessMeter.samplePeak($0) }
        let gain = min(Decibels.linear(EncodeOptions().targetLUFS - measured.lufs), peak > 0 ? 0.97 / peak : 1)
        return samples.map { $0 * Float(gain) }
    }

    /// The first executable `name` on PATH.
    private static func findInPath(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(name)" }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}
