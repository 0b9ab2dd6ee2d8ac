import Foundation

/// Why a stream URL could not be played, typed so the as-run log, health and the operator's message all come from
/// the same fact (STYLE: never parse your own English). `description` says what to check.
public enum StreamFailure: Error, Sendable, Equatable, CustomStringConvertible {
    /// The URL is not an `http:` or `https:` URL with a host.
    case badURL(reason: String)
    /// The host name did not resolve.
    case unresolvable(host: String)
    /// Nothing listens at the address (ECONNREFUSED, or a network that is down).
    case unreachable(address: String, reason: String)
    /// The connection or the server's answer did not arrive in time.
    case timedOut(seconds: Double, waitingFor: String)
    /// The TLS handshake failed, most often because the certificate is not trusted or not for this host.
    case tls(reason: String)
    /// The server answered with an HTTP error (404: no such mount, or no source on it yet).
    case httpStatus(code: Int, reason: String)
    /// The server answered with something that is not an audio stream (an HTML page, a playlist).
    case notAStream(contentType: String)
    /// An audio stream in a format we do not play: only Ogg Opus mounts are relayed to sites.
    case unsupportedFormat(contentType: String)
    /// The bytes are not Ogg Opus, or its headers are damaged.
    case notOggOpus(detail: String)
    /// The stream delivered nothing for `seconds` while the connection stayed open.
    case stalled(seconds: Double)
    /// The stream delivered too little audio to keep up (a throttled or congested link).
    case starved(underrunSeconds: Double, windowSeconds: Double)
    /// The server closed the stream (the source went away, or the server restarted).
    case closed
    /// A packet could not be decoded.
    case undecodable(detail: String)
    /// Too many redirects, or a redirect to something other than http/https.
    case badRedirect(location: String)

    /// A stable, short name for the as-run log and metrics: `http_404`, `stalled`, `tls`…
    public var code: String {
        switch self {
        case .badURL: "bad_url"
        case .unresolvable: "unresolvable"
        case .unreachable: "unreachable"
        case .timedOut: "timed_out"
        case .tls: "tls"
        case let .httpStatus(code, _): "http_\(code)"
        case .notAStream: "not_a_stream"
        case .unsupportedFormat: "unsupported_format"
        case .notOggOpus: "not_ogg_opus"
        case .stalled: "stalled"
        case .starved: "starved"
        case .closed: "closed"
        case .undecodable: "undecodable"
        case .badRedirect: "bad_redirect"
        }
    }

    public var description: String {
        switch self {
        case let .badURL(reason): "not a stream URL: \(reason); expected http://host[:port]/mount or https://…"
        case let .unresolvable(host): "the host name '\(host)' does not resolve; check the URL and the site's DNS"
        case let .unreachable(address, reason): "cannot connect to \(address): \(reason)"
        case let .timedOut(seconds, waitingFor):
            "no \(waitingFor) within \(Self.format(seconds)) s; the server or the link is down or overloaded"
        case let .tls(reason): "TLS failed: \(reason)"
        case let .httpStatus(code, reason):
            code == 404
                ? "the server has no such mount (HTTP 404 \(reason)); check the mount name and that its source is "
                    + "on air"
                : "the server answered HTTP \(code) \(reason)"
        case let .notAStream(contentType):
            "the URL serves '\(contentType)', not an audio stream; give the mount's URL, not a web page or playlist"
        case let .unsupportedFormat(contentType):
            "the mount carries '\(contentType)'; sites play Ogg Opus mounts only (relay other formats through the "
                + "gateway, docs/live.md)"
        case let .notOggOpus(detail): "the stream is not Ogg Opus: \(detail)"
        case let .stalled(seconds): "the stream sent nothing for \(Self.format(seconds)) s"
        case let .starved(underrun, window):
            "the stream fell behind: \(Self.format(underrun)) s of silence in the last \(Self.format(window)) s"
        case .closed: "the server closed the stream"
        case let .undecodable(detail): "the stream could not be decoded: \(detail)"
        case let .badRedirect(location): "the server redirected to '\(location)', which cannot be followed"
        }
    }

    private static func format(_ seconds: Double) -> String {
        seconds.rounded() == seconds ? "\(Int(seconds))" : String(format: "%.1f", seconds)
    }
}
