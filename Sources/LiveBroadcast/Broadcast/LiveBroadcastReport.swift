/// What a live broadcast did, printed when it ends (`--json` prints it whole).
public struct LiveBroadcastReport: Sendable, Equatable, Encodable {
    /// Seconds of audio captured and encoded.
    public var seconds: Double
    /// Audio pages the server took.
    public var pagesSent: Int
    /// Bytes the server took, headers included.
    public var bytesSent: Int
    /// Audio pages dropped while the server could not take them.
    public var pagesDropped: Int
    /// Successful connections (1 without a loss).
    public var connections: Int
    /// Audio time from the first sample fed to the encoder to the first audio page it produced, seconds: the
    /// encoder's share of the delay.
    public var firstPageDelay: Double?
    /// The input's peak after levelling and limiting, dBFS; nil when all was silence (JSON has no -infinity).
    public var peakDBFS: Double?

    enum CodingKeys: String, CodingKey {
        case seconds, connections
        case pagesSent = "pages_sent"
        case bytesSent = "bytes_sent"
        case pagesDropped = "pages_dropped"
        case firstPageDelay = "first_page_delay"
        case peakDBFS = "peak_dbfs"
    }
}
