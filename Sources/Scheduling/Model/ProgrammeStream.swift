import Foundation

/// What a relay programme airs (issue 18): a stream's URLs, the first preferred, for a fixed time. The site reads
/// it with its stream reader; quiet hours, conflicts and missed slots treat it as media of that length.
public struct ProgrammeStream: Hashable, Sendable {
    /// `http://` or `https://` Ogg Opus mounts; the first is the primary, the others its alternatives.
    public var urls: [String]
    /// How long it airs, seconds.
    public var duration: TimeInterval

    /// Creates a stream.
    public init(urls: [String], duration: TimeInterval) {
        self.urls = urls
        self.duration = duration
    }

    /// How a relay is named where media would be (previews, the as-run log): its primary URL, and how many
    /// alternatives it has.
    public var name: String {
        let first = urls.first ?? ""
        return urls.count > 1 ? "stream \(first) (+\(urls.count - 1))" : "stream \(first)"
    }
}
