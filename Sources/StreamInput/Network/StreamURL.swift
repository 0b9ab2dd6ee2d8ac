import Foundation

/// A stream URL taken apart for a connection: `http(s)://host[:port]/path`.
struct StreamURL: Sendable, Equatable {
    /// The text as configured, for messages and events.
    let text: String
    /// Whether TLS is used.
    let secure: Bool
    /// The host to connect to and to check the certificate against.
    let host: String
    /// The port; 80 or 443 when the URL names none.
    let port: Int
    /// The path and query to request.
    let target: String

    /// Parses `text`, throwing `.badURL` naming what is wrong.
    init(_ text: String) throws(StreamFailure) {
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased() else {
            throw .badURL(reason: "'\(text)' does not parse as a URL")
        }
        guard scheme == "http" || scheme == "https" else {
            throw .badURL(reason: "'\(text)' has the scheme '\(scheme)'")
        }
        guard let host = components.host, !host.isEmpty else { throw .badURL(reason: "'\(text)' has no host") }
        self.text = text
        secure = scheme == "https"
        self.host = host
        port = components.port ?? (secure ? 443 : 80)
        let path = components.percentEncodedPath.isEmpty ? "/" : components.percentEncodedPath
        target = path + (components.percentEncodedQuery.map { "?\($0)" } ?? "")
    }
}
