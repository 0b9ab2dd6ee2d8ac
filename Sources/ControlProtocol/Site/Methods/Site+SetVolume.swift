extension Site {
    /// `SetVolume`: sets the normal playback volume.
    public enum SetVolume: VarlinkMethod {
        /// The fully qualified method name.
        public static let name = "io.communecast.Site.SetVolume"
        /// The volume is the site administrator's.
        public static let leastRole = Role.admin
        /// Audited: the call changes the site.
        public static let changesState = true

        /// The call's `parameters`.
        public struct Parameters: Codable, Sendable, Hashable {
            /// The volume in dB.
            public var db: Double

            /// Creates the value.
            public init(db: Double) {
                self.db = db
            }
        }

        /// The reply's `parameters`.
        public struct Reply: Codable, Sendable, Hashable {
            /// The volume now in force, after clamping to the profile limits.
            public var volumeDb: Double

            /// Creates the value.
            public init(volumeDb: Double) {
                self.volumeDb = volumeDb
            }

            private enum CodingKeys: String, CodingKey {
                case volumeDb = "volume_db"
            }
        }
    }
}
