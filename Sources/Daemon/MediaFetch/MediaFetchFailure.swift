/// Media a signed alert names that the site could not get from the media host in time: the alert never airs.
struct MediaFetchFailure: Error, Sendable, CustomStringConvertible {
    /// The media's SHA-256.
    let sha256: String
    /// The last reason, in words.
    let reason: String

    var description: String { "could not get media \(sha256) from the media host: \(reason)" }
}
