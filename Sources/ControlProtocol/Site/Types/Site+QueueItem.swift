import BroadcastModel

extension Site {
    /// An item waiting to play.
    public struct QueueItem: Codable, Sendable, Hashable {
        /// The sha256 of the media.
        public var media: String
        /// The media's name.
        public var name: String
        /// The level it will play at.
        public var level: Tolerant<BroadcastLevel>
        /// Who asked for it: `alert:ID`, `play:ID` or `schedule:ID`.
        public var source: String
        /// When it is due (RFC 3339), if it waits for a time rather than for the item before it.
        public var due: String?

        /// Creates the value; optional fields default to `nil`.
        public init(media: String, name: String, level: BroadcastLevel, source: String, due: String? = nil) {
            self.media = media
            self.name = name
            self.level = Tolerant(level)
            self.source = source
            self.due = due
        }
    }
}
