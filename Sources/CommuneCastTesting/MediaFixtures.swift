import AudioCodec
import Foundation

/// Ogg Opus files made by our own pipeline from generated signals, for playout and daemon tests.
public enum MediaFixtures {
    /// Writes a sine of `frequency` Hz lasting `seconds` as broadcast Ogg Opus at `path` and returns the path;
    /// `fadedEnds` gives it 30 ms fades at both ends, so that it has no hard start or stop of its own.
    @discardableResult
    public static func sine(frequency: Double, seconds: Double, at path: String, fadedEnds: Bool = false) throws
        -> String {
        let samples = Signals.sine(frequency: frequency, seconds: seconds, sampleRate: 48_000)
        return try encode(fadedEnds ? Signals.withFadedEnds(samples, seconds: 0.03, sampleRate: 48_000) : samples,
                          at: path)
    }

    /// Writes a sine gliding from `from` to `to` Hz, with 30 ms fades at both ends, as broadcast Ogg Opus at `path`.
    @discardableResult
    public static func sweep(from: Double, to: Double, seconds: Double, at path: String) throws -> String {
        let samples = Signals.sweep(from: from, to: to, seconds: seconds, sampleRate: 48_000)
        return try encode(Signals.withFadedEnds(samples, seconds: 0.03, sampleRate: 48_000), at: path)
    }

    /// Encodes mono 48 kHz samples through our own pipeline (loudness-normalised Opus at 48 kb/s) to `path`.
    @discardableResult
    public static func encode(_ samples: [Float], at path: String) throws -> String {
        let wav = path + ".wav"
        try WAVWriter.write(samples, to: wav, sampleRate: 48_000)
        defer { try? FileManager.default.removeItem(atPath: wav) }
        var options = EncodeOptions()
        options.replaceExisting = true
        options.opus.bitrate = 48_000
        _ = try MediaEncoder.encode(input: wav, output: path, options: options)
        return path
    }

    /// Splits captured mono 48 kHz audio into windows and names the strongest of `candidates` in each, so a test can
    /// read the order in which things aired ("440, 440, 900, 1500, 440…"); silent windows are named 0.
    public static func dominantFrequencies(
        in samples: [Float], candidates: [Double], windowSeconds: Double = 0.1
    ) -> [Double] {
        let window = Int(windowSeconds * 48_000)
        var result: [Double] = []
        var start = 0
        while start + window <= samples.count {
            let slice = Array(samples[start..<(start + window)])
            let energy = slice.reduce(0) { $0 + Double($1 * $1) } / Double(window)
            if energy < 1e-5 {
                result.append(0)
            } else {
                let powers = candidates.map { Signals.power(at: $0, in: slice, sampleRate: 48_000) }
                result.append(candidates[powers.indices.max { powers[$0] < powers[$1] }!])
            }
            start += window
        }
        return result
    }

    /// Collapses runs of the same value: [440, 440, 0, 900, 900] → [440, 0, 900].
    public static func runs(_ values: [Double]) -> [Double] {
        values.reduce(into: []) { result, value in
            if result.last != value { result.append(value) }
        }
    }
}
