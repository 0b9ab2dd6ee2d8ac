import AudioCodec
import Foundation
import SiteHardware

/// What `hw test` plays: the chime, then a spoken sentence in Vietnamese (espeak-ng) or, where espeak-ng is not
/// installed, a 1 kHz tone. Everything goes through the broadcast pipeline's loudness normaliser and limiter at
/// 48 kHz, exactly as uploaded media does (target loudness, true peak at most −1 dBTP), before it is resampled to
/// the device's rate, so the installer hears the level real announcements will have and nothing clips.
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
        Part(name: "chime", samples: broadcastReady(ToneGenerator.render(.chime, seconds: 2.5), rate: rate),
             note: nil)
    }

    /// The spoken test through espeak-ng, or the fallback tone with the reason.
    static func speech(rate: Int) -> Part {
        do {
            let spoken = try synthesise()
            return Part(name: "speech", samples: broadcastReady(spoken, rate: rate), note: "espeak-ng -v vi")
        } catch {
            let broadcast = AudioFormat.broadcast.sampleRate
            let tone = (0..<(2 * broadcast)).map { index -> Float in
                let fade = min(1, Double(min(index, 2 * broadcast - 1 - index)) / (0.05 * Double(broadcast)))
                return Float(0.5 * fade * sin(2 * .pi * fallbackHz * Double(index) / Double(broadcast)))
            }
            return Part(name: "tone", samples: broadcastReady(tone, rate: rate),
                        note: "\(error); played a \(Int(fallbackHz)) Hz tone instead of the spoken test")
        }
    }

    /// Runs `espeak-ng -v vi -w FILE SENTENCE` and returns its speech at the broadcast rate.
    private static func synthesise() throws -> [Float] {
        guard let program = ExecutableSearch.find("espeak-ng") else {
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
        return try resample(mono, from: reader.format.sampleRate, to: AudioFormat.broadcast.sampleRate)
    }

    /// Brings mono 48 kHz `samples` to the broadcast loudness with the pipeline's normaliser (which limits the peaks
    /// when the gain would push them past the true-peak ceiling), then resamples them to the device's `rate`.
    static func broadcastReady(_ samples: [Float], rate: Int) -> [Float] {
        var working = samples
        let options = EncodeOptions()
        if let lufs = try? samples.withUnsafeBufferPointer({
            try LoudnessMeter.integratedLoudness($0, format: .broadcast)
        }), lufs.isFinite {
            let peak = samples.withUnsafeBufferPointer { LoudnessMeter.samplePeak($0) }
            if let result = try? LoudnessNormaliser.normalise(&working, loudness: lufs, peak: peak, peakIsTrue: false,
                                                              options: options) {
                let factor = Float(Decibels.linear(result.pendingGainDB))
                if factor != 1 { working = working.map { $0 * factor } }
            }
        }
        return (try? resample(working, from: AudioFormat.broadcast.sampleRate, to: rate)) ?? working
    }

    /// `samples` at `to` Hz, through speexdsp.
    private static func resample(_ samples: [Float], from: Int, to: Int) throws -> [Float] {
        if from == to { return samples }
        let resampler = try SpeexResampler(channels: 1, from: from, to: to)
        var output: [Float] = []
        samples.withUnsafeBufferPointer { resampler.process($0, into: &output) }
        resampler.flush(into: &output)
        return output
    }
}
