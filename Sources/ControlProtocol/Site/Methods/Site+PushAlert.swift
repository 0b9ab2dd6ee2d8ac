import BroadcastModel

extension Site {
    /// `PushAlert`: accepts an alert; pushing the same id again is reported as a duplicate and changes nothing.
    public enum PushAlert: VarlinkMethod {
        /// The fully qualified method name.
        public static let name = "io.communecast.Site.PushAlert"
        /// A priority alert is the commune operator's; an emergency needs more (`requiredRole(for:)`).
        public static let leastRole = Role.`operator`
        /// Audited: the call changes the site.
        public static let changesState = true

        /// An emergency alert (the default when no level is given) is the province's; a priority one the operator's.
        public static func requiredRole(for parameters: Parameters) -> Role {
            parameters.level == .priority ? .operator : .provincial
        }

        /// The call's `parameters`.
        public struct Parameters: Codable, Sendable, Hashable {
            /// The alert's id, unique per province.
            public var id: String
            /// The media to air; `nil` for a tone-only alert.
            public var media: String?
            /// Whether to precede it with the attention tone; on for emergency alerts unless given.
            public var tone: Bool?
            /// Emergency unless given.
            public var level: Site.AlertLevel?
            /// Actual unless given.
            public var status: BroadcastStatus?
            /// After this time it never airs (RFC 3339).
            public var expires: String?
            /// How many times it airs in all.
            public var `repeat`: Int?
            /// Seconds between airings.
            public var intervalS: Int?
            /// Words for the site to speak instead of `media` (issue 16); the site renders them before replying.
            public var text: String?
            /// The espeak-ng voice for `text` (default `vi`).
            public var voice: String?
            /// Words per minute for `text` (default 150).
            public var rate: Int?
            /// A live stream to relay instead of media (issue 18): its URLs, the primary first.
            public var stream: [String]?
            /// How long the stream airs, seconds; required with `stream`.
            public var durationS: Int?

            /// Creates the value; optional fields default to `nil`.
            public init(
                id: String,
                media: String? = nil,
                tone: Bool? = nil,
                level: Site.AlertLevel? = nil,
                status: BroadcastStatus? = nil,
                expires: String? = nil,
                `repeat`: Int? = nil,
                intervalS: Int? = nil,
                text: String? = nil,
                voice: String? = nil,
                rate: Int? = nil,
                stream: [String]? = nil,
                durationS: Int? = nil
            ) {
                self.id = id
                self.media = media
                self.tone = tone
                self.level = level
                self.status = status
                self.expires = expires
                self.`repeat` = `repeat`
                self.intervalS = intervalS
                self.text = text
                self.voice = voice
                self.rate = rate
                self.stream = stream
                self.durationS = durationS
            }

            private enum CodingKeys: String, CodingKey {
                case id
                case media
                case tone
                case level
                case status
                case expires
                case `repeat`
                case intervalS = "interval_s"
                case text
                case voice
                case rate
                case stream
                case durationS = "duration_s"
            }
        }

        /// The reply's `parameters`.
        public struct Reply: Codable, Sendable, Hashable {
            /// The alert as the site holds it.
            public var alert: Site.Alert
            /// Whether the site already had this alert.
            public var duplicate: Bool

            /// Creates the value.
            public init(alert: Site.Alert, duplicate: Bool) {
                self.alert = alert
                self.duplicate = duplicate
            }
        }
    }
}
