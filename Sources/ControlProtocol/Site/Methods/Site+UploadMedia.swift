extension Site {
    /// `UploadMedia`: imports a WAV or Ogg Opus file under a name.
    public enum UploadMedia: VarlinkMethod {
        /// The fully qualified method name.
        public static let name = "io.communecast.Site.UploadMedia"
        /// Managing media is the commune operator's.
        public static let leastRole = Role.`operator`
        /// Audited: the call changes the site.
        public static let changesState = true
        /// Uploads carry the audio, base64-encoded (DESIGN §5).
        public static let frameLimit: Int? = 16 * 1024 * 1024

        /// The call's `parameters`.
        public struct Parameters: Codable, Sendable, Hashable {
            /// The name to store it under.
            public var name: String
            /// The file, base64-encoded.
            public var data: String

            /// Creates the value.
            public init(name: String, data: String) {
                self.name = name
                self.data = data
            }
        }

        /// The reply's `parameters`.
        public struct Reply: Codable, Sendable, Hashable {
            /// The stored media.
            public var media: Site.MediaInfo
            /// Whether identical media was already stored.
            public var deduplicated: Bool

            /// Creates the value.
            public init(media: Site.MediaInfo, deduplicated: Bool) {
                self.media = media
                self.deduplicated = deduplicated
            }
        }
    }
}
