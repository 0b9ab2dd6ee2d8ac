extension Site {
    /// `PushSignedAlert`: hands the site a signed alert envelope (issue 14). The authority is in the signatures, not
    /// in the caller: the site verifies the envelope against its pinned provincial CA and its own ACL, checks its
    /// replay store, and only then airs, replaces or cancels.
    public enum PushSignedAlert: VarlinkMethod {
        /// The fully qualified method name.
        public static let name = "io.communecast.Site.PushSignedAlert"
        /// Any role may hand over a signed alert: the authority is in its signatures, which the site checks.
        public static let leastRole = Role.monitor
        /// Audited: the call changes the site.
        public static let changesState = true

        /// The largest message this method accepts: four times the site's envelope limit (64 KiB), since JSON
        /// escapes every quote of the envelope, so that an oversized envelope reaches the verifier and is refused
        /// there with its reason.
        public static let frameLimit: Int? = 256 * 1024

        /// The call's `parameters`.
        public struct Parameters: Codable, Sendable, Hashable {
            /// The envelope (JWS JSON General Serialization) exactly as signed; the signatures cover these bytes.
            public var envelope: String

            /// Creates the value.
            public init(envelope: String) {
                self.envelope = envelope
            }
        }

        /// The reply's `parameters`.
        public struct Reply: Codable, Sendable, Hashable {
            /// `accepted`, `duplicate` (the site already had this payload; nothing changed) or `suppressed` (a
            /// newer update or cancel already closed it; recorded, never aired).
            public var outcome: String
            /// The payload's SHA-256, hex: what the replay store keeps.
            public var sha256: String
            /// The alert stored to air, for an accepted alert or update.
            public var alert: Site.Alert?
            /// The alerts the message took off the air and out of the queue.
            public var closed: [Site.Alert]?

            /// Creates the value.
            public init(outcome: String, sha256: String, alert: Site.Alert? = nil, closed: [Site.Alert]? = nil) {
                self.outcome = outcome
                self.sha256 = sha256
                self.alert = alert
                self.closed = closed
            }
        }
    }
}
