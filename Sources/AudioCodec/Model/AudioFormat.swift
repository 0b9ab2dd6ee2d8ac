/// The shape of decoded audio: every buffer that moves between codec, DSP and output carries one of these.
public struct AudioFormat: Sendable, Equatable, Codable, CustomStringConvertible {
    /// Frames per second, 8 000 to 192 000 for accepted inputs.
    public var sampleRate: Int
    /// Interleaved channels per frame.
    public var channels: Int

    /// Creates a format; callers validate ranges where input enters the system.
    public init(sampleRate: Int, channels: Int) {
        self.sampleRate = sampleRate
        self.channels = channels
    }

    /// The broadcast format every stored announcement is normalised to: mono at Opus's native rate.
    public static let broadcast = AudioFormat(sampleRate: 48_000, channels: 1)

    /// For example "48000 Hz mono".
    public var description: String {
        let layout = switch channels {
        case 1: "mono"
        case 2: "stereo"
        default: "\(channels) channels"
        }
        return "\(sampleRate) Hz \(layout)"
    }
}
