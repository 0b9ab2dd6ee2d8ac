import Foundation

/// Brings live mono audio (a microphone, a relayed stream) to the broadcast loudness as it goes: a slow gain steered
/// by the input's EBU R128 short-term loudness (3 s) toward the target, held through pauses, then `LiveLimiter` at
/// the same peak ceiling stored media is held to. A file can be measured whole before it is normalised
/// (`LoudnessNormaliser`); a voice on air cannot, so the gain follows it within the bounds below.
public final class LiveLeveller {
    /// What the leveller aims at and how fast it may move.
    public struct Settings: Sendable, Equatable {
        /// Integrated loudness aimed at, LUFS; the site's target.
        public var targetLUFS = EncodeOptions().targetLUFS
        /// The highest true peak allowed, dBTP.
        public var truePeakCeiling = EncodeOptions().truePeakCeiling
        /// The most a quiet voice is amplified, dB, so the room's hiss is not raised to a roar in a pause.
        public var maxGainDB = 15.0
        /// The most a loud input is turned down, dB.
        public var minGainDB = -20.0
        /// Below this short-term loudness the input is a pause, and the gain holds, LUFS.
        public var gateLUFS = -50.0
        /// How fast the gain may rise, dB per second.
        public var riseDBPerSecond = 3.0
        /// How fast the gain may fall, dB per second; faster than the rise, since loud is worse than quiet.
        public var fallDBPerSecond = 6.0

        /// The defaults.
        public init() {}
    }

    /// The settings in force.
    public let settings: Settings
    /// The gain now applied before the limiter, dB.
    public private(set) var gainDB = 0.0
    /// The input's short-term loudness at the last period, LUFS; -infinity before 3 s or in silence.
    public private(set) var inputLUFS = -Double.infinity
    /// Frames from input to output (the limiter's look-ahead).
    public var delayFrames: Int { limiter.delayFrames }

    private let meter: LoudnessMeter
    private let limiter: LiveLimiter
    private let sampleRate: Double

    /// Creates a leveller for mono audio at `sampleRate`.
    public init(settings: Settings = Settings(), sampleRate: Int = 48_000) throws {
        self.settings = settings
        self.sampleRate = Double(sampleRate)
        meter = try LoudnessMeter(format: AudioFormat(sampleRate: sampleRate, channels: 1), truePeak: false,
                                  shortTerm: true)
        let ceilingDB = settings.truePeakCeiling - LoudnessNormaliser.codecMarginDB
            - LoudnessNormaliser.intersampleMarginDB
        limiter = LiveLimiter(ceiling: Float(Decibels.linear(ceilingDB)), sampleRate: sampleRate)
    }

    /// Levels `samples` in place: measures them, moves the gain toward the target across the period (a ramp, not a
    /// step) and limits the result.
    public func process(_ samples: UnsafeMutableBufferPointer<Float>) {
        guard !samples.isEmpty else { return }
        meter.add(UnsafeBufferPointer(samples))
        inputLUFS = meter.shortTermLoudness
        let start = gainDB
        if inputLUFS.isFinite, inputLUFS >= settings.gateLUFS {
            let wanted = min(settings.maxGainDB, max(settings.minGainDB, settings.targetLUFS - inputLUFS))
            let seconds = Double(samples.count) / sampleRate
            let step = wanted > gainDB ? min(wanted - gainDB, settings.riseDBPerSecond * seconds)
                : max(wanted - gainDB, -settings.fallDBPerSecond * seconds)
            gainDB += step
        }
        let from = Float(Decibels.linear(start))
        let to = Float(Decibels.linear(gainDB))
        let slope = (to - from) / Float(samples.count)
        for index in samples.indices { samples[index] *= from + slope * Float(index + 1) }
        limiter.process(UnsafeBufferPointer(samples), into: samples)
    }
}
