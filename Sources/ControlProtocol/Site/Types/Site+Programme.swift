import BroadcastModel

extension Site {
    /// One programme of a schedule.
    public struct Programme: Codable, Sendable, Hashable {
        /// The programme's id within its schedule file.
        public var id: String
        /// A title for people.
        public var title: String
        /// The media to air, by name or sha256.
        public var media: String
        /// The level it plays at.
        public var level: Tolerant<BroadcastLevel>
        /// What happens if something higher interrupts it.
        public var onPreempt: Tolerant<PreemptPolicy>
        /// The next time it airs, if any (RFC 3339).
        public var next: String?
        /// For a text programme, the first words it speaks (`media` is then what they were rendered to).
        public var text: String?
        /// For a relay, the URLs of its stream, the primary first (`media` is then the stream's name).
        public var stream: [String]?
        /// For a relay, how long it airs, seconds.
        public var durationSeconds: Double?

        /// Creates the value; optional fields default to `nil`.
        public init(
            id: String,
            title: String,
            media: String,
            level: BroadcastLevel,
            onPreempt: PreemptPolicy,
            next: String? = nil,
            text: String? = nil,
            stream: [String]? = nil,
            durationSeconds: Double? = nil
        ) {
            self.id = id
            self.title = title
            self.media = media
            self.level = Tolerant(level)
            self.onPreempt = Tolerant(onPreempt)
            self.next = next
            self.text = text
            self.stream = stream
            self.durationSeconds = durationSeconds
        }

        private enum CodingKeys: String, CodingKey {
            case id
            case title
            case media
            case level
            case onPreempt = "on_preempt"
            case next
            case text
            case stream
            case durationSeconds = "duration_s"
        }
    }
}
