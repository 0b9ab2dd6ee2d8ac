#if canImport(Glibc)
import Glibc
#endif

/// The real audio sink: applies the software volume, converts float to 16-bit and writes to an `ALSAPCM`, pacing
/// devices that do not keep real time unless told otherwise.
public final class ALSASink: AudioSink {
    /// When to hold writes to the wall clock.
    public enum Pacing: Sendable, Equatable {
        /// Pace only devices that do not keep real time (`null`, `file`).
        case automatic
        /// Always pace.
        case always
        /// Never pace: write as fast as the device accepts (benchmarks, file rendering).
        case never
    }

    /// The open device.
    public let pcm: ALSAPCM
    /// Software gain, dB; 0 leaves samples untouched.
    public var volumeDB: Double {
        didSet { gain = Float(pow(10, volumeDB / 20)) }
    }
    /// Whether writes are being paced to the wall clock.
    public let paced: Bool

    private var gain: Float
    private var pacer: WallClockPacer
    private var scratch: [Int16] = []

    /// Opens `configuration.device`.
    public init(configuration: PCMConfiguration, volumeDB: Double = 0, pacing: Pacing = .automatic) throws {
        pcm = try ALSAPCM(configuration: configuration)
        self.volumeDB = volumeDB
        gain = Float(pow(10, volumeDB / 20))
        switch pacing {
        case .automatic: paced = !pcm.keepsRealTime
        case .always: paced = true
        case .never: paced = false
        }
        let lead = Double(pcm.bufferFrames) / Double(max(pcm.rate, 1))
        pacer = WallClockPacer(sampleRate: pcm.rate, leadSeconds: lead)
    }

    public var sampleRate: Int { pcm.rate }
    public var channels: Int { pcm.configuration.channels }
    public var underruns: Int { pcm.underruns }
    public var queuedFrames: Int { paced ? pacer.aheadFrames : pcm.delayFrames }

    public func write(_ samples: UnsafeBufferPointer<Float>) throws {
        if scratch.count < samples.count { scratch = [Int16](repeating: 0, count: samples.count) }
        let gain = self.gain
        scratch.withUnsafeMutableBufferPointer { out in
            for index in 0..<samples.count {
                let scaled = samples[index] * gain * 32_768
                out[index] = Int16(max(-32_768, min(32_767, scaled.rounded())))
            }
        }
        try scratch.withUnsafeBufferPointer { try pcm.write(UnsafeBufferPointer(rebasing: $0[0..<samples.count])) }
        if paced { pacer.didWrite(frames: samples.count / channels) }
    }

    public func drain() {
        if paced { pacer.waitUntilPlayed() }
        pcm.drain()
        pacer.reset()
    }

    public func drop() {
        pcm.drop()
        pacer.reset()
    }

    public func close() { pcm.close() }
}
