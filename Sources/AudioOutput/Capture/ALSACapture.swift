/// A live input from ALSA (`default`, a USB microphone): 16-bit capture converted to float, one period at a time.
/// Plugins that produce samples as fast as they are asked (`null`, `file` with an input file, used by the tests) are
/// held to the wall clock, so they behave like a microphone.
public final class ALSACapture {
    /// The open device.
    public let pcm: ALSAPCM
    /// Whether reads are held to the wall clock.
    public let paced: Bool

    private var pacer: WallClockPacer
    private var scratch: [Int16] = []

    /// Opens `configuration.device` for capture.
    public init(configuration: PCMConfiguration) throws {
        pcm = try ALSAPCM(configuration: configuration, direction: .capture)
        paced = !pcm.keepsRealTime
        pacer = WallClockPacer(sampleRate: pcm.rate, leadSeconds: 0)
    }

    /// Frames per second the device granted.
    public var sampleRate: Int { pcm.rate }
    /// Interleaved channels.
    public var channels: Int { pcm.configuration.channels }
    /// Overruns and suspends recovered so far.
    public var overruns: Int { pcm.underruns }

    /// Fills `samples` (interleaved) with the next frames, in [-1, 1), blocking until the device has them.
    public func read(into samples: UnsafeMutableBufferPointer<Float>) throws {
        if scratch.count < samples.count { scratch = [Int16](repeating: 0, count: samples.count) }
        try scratch.withUnsafeMutableBufferPointer { raw in
            let slice = UnsafeMutableBufferPointer(rebasing: raw[0..<samples.count])
            try pcm.read(into: slice)
            for index in 0..<samples.count { samples[index] = Float(slice[index]) * (1 / 32_768) }
        }
        if paced { pacer.didWrite(frames: samples.count / channels) }
    }

    /// Releases the device.
    public func close() { pcm.close() }
}
