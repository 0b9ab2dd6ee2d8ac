/// What `hw test` found, printed as lines for people or one JSON object with `--json`.
struct HardwareTestReport: Encodable {
    /// The mixer control, as read through ALSA's simple mixer API.
    struct Mixer: Encodable {
        var control: String?
        var card: String?
        var minDB: Double?
        var maxDB: Double?
        var currentDB: Double?
        var problem: String?

        enum CodingKeys: String, CodingKey {
            case control, card, problem
            case minDB = "min_db"
            case maxDB = "max_db"
            case currentDB = "current_db"
        }
    }

    /// The relay: how it is switched and whether it did.
    struct Amplifier: Encodable {
        var type: String
        var wiring: String
        var switchedOn = false
        var switchedOff = false
        var warmupMS: Int
        var problems: [String] = []

        enum CodingKeys: String, CodingKey {
            case type, wiring, problems
            case switchedOn = "switched_on"
            case switchedOff = "switched_off"
            case warmupMS = "warmup_ms"
        }
    }

    /// One part played.
    struct Played: Encodable {
        var part: String
        var seconds: Double
        var note: String?
    }

    var profile: String
    var device: String
    var sampleRate = 0
    var channels = 0
    var volumeDB: Double
    var mixer: Mixer
    var amplifier: Amplifier
    var played: [Played] = []
    var underruns = 0
    var playbackProblem: String?
    var interrupted = false

    /// Whether everything an installer must fix before leaving the site works.
    var ok: Bool { amplifier.problems.isEmpty && mixer.problem == nil && playbackProblem == nil && !interrupted }

    enum CodingKeys: String, CodingKey {
        case profile, device, channels, mixer, amplifier, played, underruns, interrupted, ok
        case sampleRate = "sample_rate"
        case volumeDB = "volume_db"
        case playbackProblem = "playback_problem"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(profile, forKey: .profile)
        try container.encode(device, forKey: .device)
        try container.encode(sampleRate, forKey: .sampleRate)
        try container.encode(channels, forKey: .channels)
        try container.encode(volumeDB, forKey: .volumeDB)
        try container.encode(mixer, forKey: .mixer)
        try container.encode(amplifier, forKey: .amplifier)
        try container.encode(played, forKey: .played)
        try container.encode(underruns, forKey: .underruns)
        try container.encodeIfPresent(playbackProblem, forKey: .playbackProblem)
        try container.encode(interrupted, forKey: .interrupted)
        try container.encode(ok, forKey: .ok)
    }

    /// The mixer line for people.
    var mixerLine: String {
        if let problem = mixer.problem { return "PROBLEM: \(problem)" }
        guard let control = mixer.control, let card = mixer.card else {
            return "no mixer control in the profile; volume is software gain only"
        }
        guard let low = mixer.minDB, let high = mixer.maxDB else {
            return "\(control) on \(card): no dB scale reported by the driver"
        }
        let now = mixer.currentDB.map { String(format: ", now %.2f dB", $0) } ?? ""
        return "\(control) on \(card): \(String(format: "%.2f to %.2f dB", low, high))\(now)"
    }
}
