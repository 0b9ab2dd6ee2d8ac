extension Site {
    /// `ListMedia`: lists stored media.
    public enum ListMedia: VarlinkMethod {
        /// The fully qualified method name.
        public static let name = "io.communecast.Site.ListMedia"
        /// Reading the media library is for every role.
        public static let leastRole = Role.monitor
        /// Read-only: not audited.
        public static let changesState = false

        /// The call's `parameters`.
        public struct Parameters: Codable, Sendable, Hashable {
            /// Creates the empty call parameters.
            public init() {}
        }

        /// The reply's `parameters`.
        public struct Reply: Codable, Sendable, Hashable {
            /// Every stored media file.
            public var media: [Site.MediaInfo]

            /// Creates the value.
            public init(media: [Site.MediaInfo]) {
                self.media = media
            }
        }
    }
}
