/// One playback control of a card's mixer, as `hw test` reports it.
public struct MixerControl: Sendable, Equatable {
    /// The control's name, e.g. `PCM` or `Master`.
    public var name: String
    /// The mixer it belongs to.
    public var card: String
    /// Lowest to highest setting in dB, when the driver gives a dB scale (USB adapters and HDA codecs do).
    public var decibelRange: ClosedRange<Double>?
    /// The current setting in dB (first channel), when known.
    public var currentDecibels: Double?
    /// The control's raw steps, for drivers without a dB scale.
    public var steps: ClosedRange<Int>

    /// Describes a control.
    public init(name: String, card: String, decibelRange: ClosedRange<Double>?, currentDecibels: Double?,
                steps: ClosedRange<Int>) {
        self.name = name
        self.card = card
        self.decibelRange = decibelRange
        self.currentDecibels = currentDecibels
        self.steps = steps
    }
}
