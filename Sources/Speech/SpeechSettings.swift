/// The voice and pace a text is spoken with.
public struct SpeechSettings: Sendable, Equatable, Codable {
    /// An installed Vietnamese espeak-ng voice: `vi` (northern), `vi-vn-x-central` or `vi-vn-x-south`.
    public var voice: String
    /// Words per minute (espeak-ng takes 80-450). Slower than espeak-ng's 175, because outdoor loudspeakers echo.
    public var rate: Int

    /// The default: the northern voice at 150 words per minute.
    public static let defaultVoice = "vi"
    /// The default rate, words per minute.
    public static let defaultRate = 150

    /// Creates settings; the rate is checked when speaking.
    public init(voice: String = defaultVoice, rate: Int = defaultRate) {
        self.voice = voice
        self.rate = rate
    }

    /// The southern voice reads "lẻ" and "ngàn" where the others read "linh" and "nghìn".
    public var dialect: VietnameseNumbers.Dialect { voice.hasSuffix("south") ? .southern : .northern }
}
