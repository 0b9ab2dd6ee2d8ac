import BroadcastModel

extension Site {
    /// The item on air.
    public struct NowPlaying: Codable, Sendable, Hashable {
        /// The sha256 of the media.
        public var media: String
        /// The media's name.
        public var name: String
        /// The level it plays at.
        public var level: Tolerant<BroadcastLevel>
        /// Seconds played so far.
        public var positionS: Double
        /// Length in seconds.
        public var durationS: Double
        /// Who asked for it: `alert:ID`, `play:ID` or `schedule:ID`.
        public var source: String
        /// For a relay: the stream it reads and how that goes.
        public var stream: Site.Stream?

        /// Creates the value.
        public init(
            media: String,
            name: String,
            level: BroadcastLevel,
            positionS: Double,
            durationS: Double,
            source: String,
            stream: Site.Stream? = nil
        ) {
            self.media = media
            self.name = name
            self.level = Tolerant(level)
            self.positionS = positionS
            self.durationS = durationS
            self.source = source
            self.stream = stream
        }

        private enum CodingKeys: String, CodingKey {
            case media
            case name
            case level
            case positionS = "position_s"
            case durationS = "duration_s"
            case source
            case stream
        }
    }
}
