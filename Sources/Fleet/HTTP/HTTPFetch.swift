import NIOSSL

/// One HTTP(S) GET the office makes for CAP intake (a feed, a message, an audio resource), with the validators of
/// the previous answer so an unchanged feed costs a `304 Not Modified` and no body.
public struct HTTPFetch: Sendable {
    /// The `http:` or `https:` URL.
    public var url: String
    /// The previous answer's `ETag`, sent as `If-None-Match`.
    public var etag: String?
    /// The previous answer's `Last-Modified`, sent as `If-Modified-Since`.
    public var lastModified: String?
    /// The largest body accepted, in bytes.
    public var maximumBytes: Int
    /// What the body may be (`Accept`).
    public var accept = "*/*"
    /// The method: `GET`, or `HEAD` and `PUT` for the media host (``MediaHostClient``).
    public var method = "GET"
    /// The request's body (for `PUT`).
    public var body: [UInt8]?
    /// The TLS context of an `https:` request that must present a client certificate or trust a pinned CA (the
    /// media host's authenticated `PUT`); `nil` for the system's trust roots and no certificate.
    public var tls: NIOSSLContext?

    /// Creates a fetch.
    public init(url: String, etag: String? = nil, lastModified: String? = nil, maximumBytes: Int) {
        self.url = url
        self.etag = etag
        self.lastModified = lastModified
        self.maximumBytes = maximumBytes
    }
}

/// The answer to an ``HTTPFetch``.
public struct HTTPFetchResult: Sendable {
    /// The status code.
    public var status: Int
    /// `Content-Length`, when the answer gave one (a `HEAD` answer's is the file's size).
    public var contentLength: Int?
    /// The body (empty for 304).
    public var body: [UInt8]
    /// `ETag`, for the next conditional request.
    public var etag: String?
    /// `Last-Modified`, for the next conditional request.
    public var lastModified: String?
    /// `Location`, on a redirect.
    public var location: String?
    /// The URL finally answered, after redirects.
    public var url: String

    /// Whether the server said nothing changed since the validators sent.
    public var notModified: Bool { status == 304 }
}

/// Why a fetch failed.
public enum HTTPFetchError: Error, Sendable, CustomStringConvertible {
    /// Not an `http:` or `https:` URL with a host.
    case badURL(String)
    /// The connection or TLS failed.
    case connection(String, String)
    /// The body is larger than allowed.
    case tooLarge(String, Int)
    /// No complete answer in time.
    case timedOut(String)
    /// A status other than 200 or 304.
    case status(String, Int)
    /// Too many redirects, or one to a place the caller does not allow.
    case redirect(String, String)

    /// The problem in words, naming the URL.
    public var description: String {
        switch self {
        case .badURL(let url): "'\(url)' is not an http: or https: URL"
        case .connection(let url, let reason): "\(url): \(reason)"
        case .tooLarge(let url, let limit): "\(url): the answer is larger than \(limit) bytes"
        case .timedOut(let url): "\(url): no complete answer in time"
        case .status(let url, let status): "\(url): the server answered \(status)"
        case .redirect(let url, let reason): "\(url): \(reason)"
        }
    }
}
