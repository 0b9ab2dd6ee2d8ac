import Foundation
import HTTPClientChannel

/// The office's side of the province media host (issue 15 §5, docs/call-home.md "Media"): each encoded file is put
/// once at `MEDIA_HOST/media/SHA256.opus` with an HTTP `PUT` (nginx's WebDAV module, or any server that takes one),
/// after a `HEAD` says it is not there yet; the sites fetch it from there by hash.
public struct MediaHostClient: Sendable {
    /// What became of a file.
    public enum Outcome: String, Sendable, Codable {
        /// The media host already had a file of that name and length: nothing was sent.
        case present
        /// The file was sent and stored.
        case stored
    }

    /// The media host's base URL, without a trailing `/`.
    public let host: String
    /// The deadline of each request.
    public let timeout: Duration
    /// The staff certificate presented over `https:` (the host takes a `PUT` only with one: docs/call-home.md).
    public let credentials: TLSClientCredentials?

    /// A client of `host` (`http(s)://HOST[:PORT][/PATH]`), presenting `credentials` over `https:`.
    public init(host: String, timeout: Duration = .seconds(30),
                credentials: TLSClientCredentials? = nil) throws(MediaHostError) {
        guard HTTPTarget(url: host) != nil, URL(string: host)?.query == nil else {
            throw .badHost(host)
        }
        self.host = host.hasSuffix("/") ? String(host.dropLast()) : host
        self.timeout = timeout
        self.credentials = credentials
    }

    /// The URL of `sha256`'s file.
    public func url(_ sha256: String) -> String { "\(host)/media/\(sha256).opus" }

    /// Whether the host serves a file for `sha256` of `bytes` bytes.
    public func has(_ sha256: String, bytes: Int) async throws(MediaHostError) -> Bool {
        try await size(sha256) == bytes
    }

    /// The size of the file the host serves for `sha256` (`HEAD`), or `nil` when it has none.
    public func size(_ sha256: String) async throws(MediaHostError) -> Int? {
        var head = HTTPFetch(url: url(sha256), maximumBytes: 0)
        head.method = "HEAD"
        let answer = try await send(head)
        switch answer.status {
        case 200: return answer.contentLength
        case 404, 410: return nil
        default: throw .status(url(sha256), answer.status)
        }
    }

    /// Puts `data`, whose SHA-256 is `sha256`, on the host unless it is already there; says what was done.
    public func put(_ data: [UInt8], sha256: String) async throws(MediaHostError) -> Outcome {
        if try await has(sha256, bytes: data.count) { return .present }
        var put = HTTPFetch(url: url(sha256), maximumBytes: 64 * 1_024)
        put.method = "PUT"
        put.body = data
        let answer = try await send(put)
        guard [200, 201, 204].contains(answer.status) else { throw .status(url(sha256), answer.status) }
        guard try await has(sha256, bytes: data.count) else { throw .notServed(url(sha256)) }
        return .stored
    }

    private func send(_ request: HTTPFetch) async throws(MediaHostError) -> HTTPFetchResult {
        var fetch = request
        fetch.tls = credentials?.context
        do {
            return try await HTTPFetcher.request(fetch, timeout: timeout)
        } catch {
            throw .connection(error.description)
        }
    }
}
