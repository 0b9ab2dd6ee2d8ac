/// Where the playout path sends float audio. The real sink is `ALSASink`; tests may use a recording fake.
public protocol AudioSink: AnyObject {
    /// Frames per second the sink expects.
    var sampleRate: Int { get }
    /// Interleaved channels the sink expects.
    var channels: Int { get }
    /// Frames the device buffer holds: the most a cut can ever take back.
    var bufferFrames: Int { get }
    /// Underruns recovered so far.
    var underruns: Int { get }
    /// Frames written but not yet heard (ALSA's delay), so a cut-off item can resume where listeners left it.
    var queuedFrames: Int { get }
    /// Software gain in dB applied to everything written from now on.
    var volumeDB: Double { get set }
    /// Frames a write could take now without blocking; nil when the sink never makes a writer wait or cannot tell.
    /// From it the audio thread works out how long to sleep where it can be woken, rather than block in a write
    /// where it cannot.
    var roomFrames: Int? { get }
    /// Writes interleaved float samples in [-1, 1], blocking as a device would.
    func write(_ samples: UnsafeBufferPointer<Float>) throws
    /// Takes back up to `frames` of the most recent frames that listeners have not heard yet, so a cut can fade out
    /// from what they heard last rather than after everything queued; returns how many were taken back (0 when the
    /// device cannot rewind).
    func rewind(upTo frames: Int) throws -> Int
    /// Lets everything written so far be heard, then stops.
    func drain()
    /// Releases the device.
    func close()
}

extension AudioSink {
    /// A sink that takes whatever it is given at once (the tests' recorders) never has to be waited for.
    public var roomFrames: Int? { nil }
}
