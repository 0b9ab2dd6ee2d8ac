/// When to switch the amplifier relative to audio, from the hardware profile.
public struct AmplifierTiming: Sendable, Equatable {
    /// Milliseconds between switching on and the first sample.
    public var warmupMilliseconds: Int
    /// Seconds of silence after which the amplifier is switched off.
    public var holdoffSeconds: Double

    /// Creates timings.
    public init(warmupMilliseconds: Int = 0, holdoffSeconds: Double = 30) {
        self.warmupMilliseconds = warmupMilliseconds
        self.holdoffSeconds = holdoffSeconds
    }
}
