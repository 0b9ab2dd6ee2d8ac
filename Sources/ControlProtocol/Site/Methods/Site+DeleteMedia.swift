extension Site {
    /// `DeleteMedia`: removes a media name, and the audio once no name and no schedule or alert uses it.
    public enum DeleteMedia: VarlinkMethod {
        /// The fully qualified method name.
        public static let name = "io.communecast.Site.DeleteMedia"
        /// Managing media is the commune operator's.
        public static let leastRole = Role.`operator`
        /// Audited: the call changes the site.
        public static let changesState = true

        /// The call's `parameters`.
        public struct Parameters: Codable, Sendable, Hashable {
            /// The name or sha256.
            public var name: String

            /// Creates the value.
            public init(name: String) {
                self.name = name
            }
        }

        /// The reply's `parameters`.
        public struct Reply: Codable, Sendable, Hashable {
            /// The audio the removed name played, when it stays under its other names; `nil` when the audio went
            /// too, or from a site older than this field.
            public var kept: Site.MediaInfo?

            /// Creates the value; `kept` defaults to `nil`.
            public init(kept: Site.MediaInfo? = nil) {
                self.kept = kept
            }
        }
    }
}
