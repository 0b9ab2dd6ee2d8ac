import BroadcastModel

extension Site {
    /// `Play`: queues media to play now.
    public enum Play: VarlinkMethod {
        /// The fully qualified method name.
        public static let name = "io.communecast.Site.Play"
        /// Normal and priority plays are the commune operator's (a play cannot be an emergency).
        public static let leastRole = Role.`operator`
        /// Audited: the call changes the site.
        public static let changesState = true

        /// The call's `parameters`.
        public struct Parameters: Codable, Sendable, Hashable {
            /// The name or sha256.
            public var media: String
            /// Normal unless given.
            public var level: Site.PlayLevel?
            /// What happens if something higher interrupts it; the site default unless given.
            public var onPreempt: PreemptPolicy?

            /// Creates the value; optional fields default to `nil`.
            public init(media: String, level: Site.PlayLevel? = nil, onPreempt: PreemptPolicy? = nil) {
                self.media = media
                self.level = level
                self.onPreempt = onPreempt
            }

            private enum CodingKeys: String, CodingKey {
                case media
                case level
                case onPreempt = "on_preempt"
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
