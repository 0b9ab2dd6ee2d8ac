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
    public var bufferFrames: Int { pcm.bufferFrames }
    public var underruns: Int { pcm.underruns }
    public var queuedFrames: Int { paced ? pacer.aheadFrames : pcm.delayFrames }

    /// One query of the device (`snd_pcm_avail`, which syncs with the hardware's position), or of the pacer.
    public var roomFrames: Int? {
        paced ? bufferFrames - pacer.aheadFrames : pcm.roomWhileRunning
    }

    /// 2^23 + 2^15, and its bit pattern: see `write`.
    private static let roundingOffset: Float = 8_421_376
    private static let offsetBits = Int32(bitPattern: roundingOffset.bitPattern)

    /// What a rewind leaves queued: the device may already be fetching the frames just ahead of the play position,
    /// and the writer needs a moment to put the fade in their place (PulseAudio keeps a similar safeguard).
    public static let rewindSafeguardSeconds = 0.01

    public func write(_ samples: UnsafeBufferPointer<Float>) throws {
        let count = samples.count
        if scratch.count < count { scratch = [Int16](repeating: 0, count: count) }
        // A multiply, a clamp, an add and a bit cast per sample, which the compiler vectorises (a checked
        // Float-to-Int conversion would not be): adding 2^23 + 2^15 puts the rounded sample, offset by 2^15, in the
        // low mantissa bits, since every clamped value then lies in [2^23, 2^24), where floats are whole numbers.
        let scale = gain * 32_768
        scratch.withUnsafeMutableBufferPointer { out in
            for index in 0..<count {
                let shifted = min(32_767, max(-32_768, samples[index] * scale)) + Self.roundingOffset
                out[index] = Int16(truncatingIfNeeded: Int32(bitPattern: shifted.bitPattern) &- Self.offsetBits)
            }
        }
        try scratch.withUnsafeBufferPointer { try pcm.write(UnsafeBufferPointer(rebasing: $0[0..<count])) }
        if paced { pacer.didWrite(frames: count / channels) }
    }

    public func rewind(upTo frames: Int) throws -> Int {
        let unheard = queuedFrames - Int(Self.rewindSafeguardSeconds * Double(sampleRate))
        let wanted = min(frames, unheard)
        guard wanted > 0 else { return 0 }
        let taken = try pcm.rewind(frames: min(wanted, try pcm.rewindableFrames()))
        if paced { pacer.didRewind(frames: taken) }
        return taken
    }

    public func drain() {
        if paced { pacer.waitUntilPlayed() }
        pcm.drain()
        pacer.reset()
    }

    public func close() { pcm.close() }
}
