import BroadcastModel

extension Site {
    /// `Play`: queues media, or a stream for a duration, to play now.
    public enum Play: VarlinkMethod {
        /// The fully qualified method name.
        public static let name = "io.communecast.Site.Play"
        /// Normal and priority plays are the commune operator's (a play cannot be an emergency).
        public static let leastRole = Role.`operator`
        /// Audited: the call changes the site.
        public static let changesState = true

        /// The call's `parameters`: stored media, or a stream for a duration (issue 18), never both.
        public struct Parameters: Codable, Sendable, Hashable {
            /// The name or sha256 of stored media.
            public var media: String?
            /// Normal unless given.
            public var level: Site.PlayLevel?
            /// What happens if something higher interrupts it; the site default unless given.
            public var onPreempt: PreemptPolicy?
            /// A stream to relay instead of media: `http://` or `https://` Ogg Opus mounts, the first preferred,
            /// the others its alternatives.
            public var stream: [String]?
            /// How long a stream plays, seconds; required with `stream`.
            public var durationS: Double?

            /// Creates the value; optional fields default to `nil`.
            public init(media: String? = nil, level: Site.PlayLevel? = nil, onPreempt: PreemptPolicy? = nil,
                        stream: [String]? = nil, durationS: Double? = nil) {
                self.media = media
                self.level = level
                self.onPreempt = onPreempt
                self.stream = stream
                self.durationS = durationS
            }

            private enum CodingKeys: String, CodingKey {
                case media
                case level
                case onPreempt = "on_preempt"
                case stream
                case durationS = "duration_s"
            }
        }

        /// The reply's `parameters`.
        public struct Reply: Codable, Sendable, Hashable {
            /// The id of the play, as in `play:ID` sources.
            public var playId: String

            /// Creates the value.
            public init(playId: String) {
                self.playId = playId
            }

            private enum CodingKeys: String, CodingKey {
                case playId = "play_id"
            }
        }
    }
}
