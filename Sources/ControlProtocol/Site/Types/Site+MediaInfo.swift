extension Site {
    /// A stored media file: mono Ogg Opus at 48 kHz, normalised to the site loudness target.
    public struct MediaInfo: Codable, Sendable, Hashable {
        /// The hex sha256 of the stored file, which also names it on disk.
        public var sha256: String
        /// The name it was uploaded under.
        public var name: String
        /// Length in seconds.
        public var durationS: Double
        /// Size of the stored file.
        public var sizeBytes: Int
        /// Integrated loudness after normalisation.
        public var loudnessLufs: Double
        /// When it was stored (RFC 3339).
        public var added: String

        /// Creates the value.
        public init(
            sha256: String,
            name: String,
            durationS: Double,
            sizeBytes: Int,
            loudnessLufs: Double,
            added: String
        ) {
            self.sha256 = sha256
            self.name = name
            self.durationS = durationS
            self.sizeBytes = sizeBytes
            self.loudnessLufs = loudnessLufs
            self.added = added
        }

        private enum CodingKeys: String, CodingKey {
            case sha256
            case name
            case durationS = "duration_s"
            case sizeBytes = "size_bytes"
            case loudnessLufs = "loudness_lufs"
            case added
        }
    }
}
