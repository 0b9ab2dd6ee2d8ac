import Foundation

/// Where an `http:` or `https:` URL points, as one HTTP/1.1 request needs it: the connection's host, port and whether
/// it is TLS, the request target and the `Host` header. The office's fetcher and the site's media download read
/// their URLs the same way through this, so a URL one accepts the other does too.
public struct HTTPTarget: Sendable, Equatable {
    /// The host to connect to (a name or an address).
    public let host: String
    /// The port: the URL's, else 443 for `https:` and 80 for `http:`.
    public let port: Int
    /// Whether the connection is TLS (`https:`).
    public let secure: Bool
    /// The request target: the path (`/` when empty) and the query.
    public let requestTarget: String
    /// The `Host` header: the host, with the port when the URL names one.
    public let hostHeader: String

    /// Reads `url`; nil unless it is an `http:` or `https:` URL with a host.
    public init?(url: String) {
        guard let parsed = URL(string: url), let scheme = parsed.scheme?.lowercased(),
              scheme == "http" || scheme == "https", let host = parsed.host, !host.isEmpty else {
            return nil
        }
        self.host = host
        secure = scheme == "https"
        port = parsed.port ?? (secure ? 443 : 80)
        var target = parsed.path.isEmpty ? "/" : parsed.path
        if let query = parsed.query { target += "?\(query)" }
        requestTarget = target
        hostHeader = parsed.port.map { "\(host):\($0)" } ?? host
    }
}
