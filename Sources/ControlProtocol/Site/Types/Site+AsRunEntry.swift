import BroadcastModel

extension Site {
    /// One line of the as-run log: what was planned, what aired, and why.
    public struct AsRunEntry: Codable, Sendable, Hashable {
        /// The entry number, increasing.
        public var id: Int
        /// When it was meant to start (RFC 3339).
        public var planned: String?
        /// When it started (RFC 3339).
        public var started: String?
        /// When it ended (RFC 3339).
        public var ended: String?
        /// The level it played at.
        public var level: Tolerant<BroadcastLevel>
        /// The media concerned.
        public var media: String?
        /// Who asked for it: `alert:ID`, `play:ID` or `schedule:ID`.
        public var source: String
        /// What became of it.
        public var outcome: Tolerant<AsRunOutcome>
        /// Why, in words an operator can act on.
        public var reason: String?
        /// The alert status, for alerts.
        public var status: Tolerant<BroadcastStatus>?
        /// The programme id, for scheduled airings (source `schedule:ID`).
        public var programme: String?
        /// SHA-256 of the text spoken, when the media was rendered from text (issue 16).
        public var textSha256: String?
        /// Who drafted and who approved a signed alert; `nil` otherwise and from older sites.
        public var signedBy: String?

        /// Creates the value; optional fields default to `nil`.
        public init(
            id: Int,
            planned: String? = nil,
            started: String? = nil,
            ended: String? = nil,
            level: BroadcastLevel,
            media: String? = nil,
            source: String,
            outcome: AsRunOutcome,
            reason: String? = nil,
            status: BroadcastStatus? = nil,
            programme: String? = nil,
            textSha256: String? = nil,
            signedBy: String? = nil
        ) {
            self.id = id
            self.planned = planned
            self.started = started
            self.ended = ended
            self.level = Tolerant(level)
            self.media = media
            self.source = source
            self.outcome = Tolerant(outcome)
            self.reason = reason
            self.status = status.map { Tolerant($0) }
            self.programme = programme
            self.textSha256 = textSha256
            self.signedBy = signedBy
        }

        private enum CodingKeys: String, CodingKey {
            case id, planned, started, ended, level, media, source, outcome, reason, status, programme
            case textSha256 = "text_sha256"
            case signedBy = "signed_by"
        }
    }
}
