import Foundation

/// Test signals and the measurements used to check them.
public enum Signals {
    /// A sine wave, `channels` identical channels interleaved.
    public static func sine(
        frequency: Double, seconds: Double, sampleRate: Int, amplitude: Double = 0.5, channels: Int = 1
    ) -> [Float] {
        let frames = Int(seconds * Double(sampleRate))
        var samples = [Float](repeating: 0, count: frames * channels)
        for frame in 0..<frames {
            let value = Float(amplitude * sin(2 * .pi * frequency * Double(frame) / Double(sampleRate)))
            for channel in 0..<channels { samples[frame * channels + channel] = value }
        }
        return samples
    }

    /// A sine whose frequency glides linearly from `from` to `to` Hz: steady in level, yet every stretch of it is
    /// different, so a test can tell which part of an announcement aired and whether any part aired twice.
    public static func sweep(from: Double, to: Double, seconds: Double, sampleRate: Int, amplitude: Double = 0.5)
        -> [Float] {
        let frames = Int(seconds * Double(sampleRate))
        let rate = Double(sampleRate)
        let glide = (to - from) / seconds
        return (0..<frames).map { frame in
            let time = Double(frame) / rate
            return Float(amplitude * sin(2 * .pi * (from * time + glide * time * time / 2)))
        }
    }

    /// `samples` with raised-cosine fades of `seconds` at both ends, so a fixture has no hard start or stop of its
    /// own and any click a test finds was made by the code under test.
    public static func withFadedEnds(_ samples: [Float], seconds: Double, sampleRate: Int) -> [Float] {
        let fade = min(Int(seconds * Double(sampleRate)), samples.count / 2)
        var faded = samples
        for index in 0..<fade {
            let gain = Float(0.5 - 0.5 * cos(Double.pi * Double(index) / Double(fade)))
            faded[index] *= gain
            faded[samples.count - 1 - index] *= gain
        }
        return faded
    }

    /// Speech-like test material: a few harmonics with a syllable-rate envelope, so loudness gating behaves as it
    /// does on real announcements.
    public static func speechLike(seconds: Double, sampleRate: Int, peak: Double) -> [Float] {
        let frames = Int(seconds * Double(sampleRate))
        var samples = [Float](repeating: 0, count: frames)
        var highest: Float = 0
        for frame in 0..<frames {
            let time = Double(frame) / Double(sampleRate)
            let envelope = max(0, sin(2 * .pi * 3 * time))
            let pitch = 140 + 30 * sin(2 * .pi * 0.5 * time)
            var value = 0.0
            for harmonic in 1...6 {
                value += sin(2 * .pi * pitch * Double(harmonic) * time) / Double(harmonic)
            }
            samples[frame] = Float(envelope * value)
            highest = max(highest, abs(samples[frame]))
        }
        let scale = Float(peak) / highest
        return samples.map { $0 * scale }
    }

    /// Relative power at `frequency` (Goertzel), to check that a tone holds the frequencies it should.
    public static func power(at frequency: Double, in samples: [Float], sampleRate: Int) -> Double {
        let coefficient = 2 * cos(2 * .pi * frequency / Double(sampleRate))
        var previous = 0.0
        var beforePrevious = 0.0
        for sample in samples {
            let current = Double(sample) + coefficient * previous - beforePrevious
            beforePrevious = previous
            previous = current
        }
        let power = previous * previous + beforePrevious * beforePrevious - coefficient * previous * beforePrevious
        return power / Double(samples.count * samples.count)
    }

    /// Reads a little-endian 16-bit raw PCM file as floats.
    public static func readRawS16(path: String) throws -> [Float] {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        return data.withUnsafeBytes { raw in
            raw.bindMemory(to: Int16.self).map { Float(Int16(littleEndian: $0)) / 32_768 }
        }
    }
}
