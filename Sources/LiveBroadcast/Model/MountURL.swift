import Foundation

/// An Icecast mount a live source sends to: `http://host[:port]/mount`. libshout speaks plain HTTP only here
/// (Debian's Icecast listens for sources without TLS; a province puts a TLS proxy in front when it needs one).
public struct MountURL: Sendable, Equatable, CustomStringConvertible {
    /// The server's host name or address.
    public let host: String
    /// The server's port; 8000 when the URL names none.
    public let port: Int
    /// The mount path, starting with `/`.
    public let mount: String

    /// Parses `text`, throwing `.badMount` naming what is wrong.
    public init(_ text: String) throws(LiveError) {
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased() else {
            throw .badMount(url: text, reason: "it does not parse as a URL")
        }
        guard scheme == "http" else {
            throw .badMount(url: text, reason: "the scheme is '\(scheme)', and a live source sends over http")
        }
        guard let host = components.host, !host.isEmpty else { throw .badMount(url: text, reason: "it has no host") }
        guard components.path.count > 1 else { throw .badMount(url: text, reason: "it names no mount") }
        self.host = host
        port = components.port ?? 8_000
        mount = components.path
    }

    public var description: String { "http://\(host):\(port)\(mount)" }
}
