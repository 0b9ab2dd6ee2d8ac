import BroadcastModel

extension Site {
    /// An alert received by a site.
    public struct Alert: Codable, Sendable, Hashable {
        /// The alert's id, unique per province.
        public var id: String
        /// Priority or emergency.
        public var level: Tolerant<Site.AlertLevel>
        /// Actual, exercise or test.
        public var status: Tolerant<BroadcastStatus>
        /// The media to air; `nil` for a tone-only alert.
        public var media: String?
        /// Whether the attention tone precedes the media.
        public var tone: Bool
        /// Where the alert is in its life.
        public var state: Tolerant<AlertState>
        /// When the site accepted it (RFC 3339).
        public var received: String
        /// After this time it never airs (RFC 3339).
        public var expires: String?
        /// How many times it airs in all.
        public var `repeat`: Int
        /// Seconds between airings.
        public var intervalS: Int
        /// How many times it has aired so far.
        public var aired: Int
        /// When it airs next (RFC 3339).
        public var nextAt: String?
        /// Who pushed it (`tls:SUBJECT` or `unix:USER`); `nil` from sites older than this field.
        public var issuer: String?
        /// Who drafted a signed alert (`CN (sha256 AB:CD…)`); `nil` for an unsigned push and from older sites.
        public var drafter: String?
        /// Who approved a signed alert, comma-separated; `nil` when nobody did, for an unsigned push and from older
        /// sites.
        public var approvers: String?
        /// The CAP warning a signed alert was drafted from (`sender,identifier,sent`); `nil` otherwise and from older
        /// sites.
        public var capSource: String?
        /// The stream a stream alert relays (issue 18), the primary first; `nil` otherwise.
        public var stream: [String]?
        /// How long the stream airs, seconds.
        public var durationS: Int?

        /// Creates the value; optional fields default to `nil`.
        public init(
            id: String,
            level: Site.AlertLevel,
            status: BroadcastStatus,
            media: String? = nil,
            tone: Bool,
            state: AlertState,
            received: String,
            expires: String? = nil,
            `repeat`: Int,
            intervalS: Int,
            aired: Int,
            nextAt: String? = nil,
            issuer: String? = nil,
            drafter: String? = nil,
            approvers: String? = nil,
            capSource: String? = nil,
            stream: [String]? = nil,
            durationS: Int? = nil
        ) {
            self.id = id
            self.level = Tolerant(level)
            self.status = Tolerant(status)
            self.media = media
            self.tone = tone
            self.state = Tolerant(state)
            self.received = received
            self.expires = expires
            self.`repeat` = `repeat`
            self.intervalS = intervalS
            self.aired = aired
            self.nextAt = nextAt
            self.issuer = issuer
            self.drafter = drafter
            self.approvers = approvers
            self.capSource = capSource
            self.stream = stream
            self.durationS = durationS
        }

        private enum CodingKeys: String, CodingKey {
            case id
            case level
            case status
            case media
            case tone
            case state
            case received
            case expires
            case `repeat`
            case intervalS = "interval_s"
            case aired
            case nextAt = "next_at"
            case issuer
            case drafter
            case approvers
            case capSource = "cap_source"
            case stream
            case durationS = "duration_s"
        }
    }
}
