import Foundation

/// Where a site's daemon listens, as written in the inventory and on the command line.
///
/// `unix:/run/communecast/control.sock` reaches the daemon on the same machine; `tls:host:port` reaches a site
/// across the province network with mutual TLS (DESIGN §8).
public enum SiteAddress: Sendable, Hashable, CustomStringConvertible {
    /// A Unix socket path on this machine.
    case unix(path: String)
    /// A TLS endpoint; IPv6 hosts are written in brackets, as `tls:[fd00::1]:7420`.
    case tls(host: String, port: Int)

    /// The daemon's socket on this machine, used when no site is named.
    public static let local = SiteAddress.unix(path: "/run/communecast/control.sock")

    /// Parses `unix:/path` or `tls:host:port`. With `directory` (an inventory's folder), a relative `unix:` path is
    /// taken from there, as every other path in an inventory is; without it, it is refused.
    public init(parsing text: String, relativeTo directory: String? = nil) throws(SiteAddressError) {
        if text.hasPrefix("unix:") {
            let path = String(text.dropFirst("unix:".count))
            if path.hasPrefix("/") {
                self = .unix(path: path)
            } else if let directory, !path.isEmpty {
                self = .unix(path: URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: directory,
                                                                              isDirectory: true)).standardized.path)
            } else {
                throw .relativeSocketPath(text)
            }
        } else if text.hasPrefix("tls:") {
            self = try Self.parseTLS(text, endpoint: text.dropFirst("tls:".count))
        } else {
            throw .unknownScheme(text)
        }
    }

    /// The address as it is written, so messages quote what the operator typed.
    public var description: String {
        switch self {
        case .unix(let path): "unix:\(path)"
        case .tls(let host, let port): host.contains(":") ? "tls:[\(host)]:\(port)" : "tls:\(host):\(port)"
        }
    }

    private static func parseTLS(_ text: String, endpoint: Substring) throws(SiteAddressError) -> SiteAddress {
        let host: Substring
        let portText: Substring
        if endpoint.hasPrefix("[") {
            guard let close = endpoint.firstIndex(of: "]"),
                endpoint[endpoint.index(after: close)...].hasPrefix(":")
            else { throw .missingPort(text) }
            host = endpoint[endpoint.index(after: endpoint.startIndex)..<close]
            portText = endpoint[endpoint.index(close, offsetBy: 2)...]
        } else {
            guard let colon = endpoint.lastIndex(of: ":") else { throw .missingPort(text) }
            host = endpoint[..<colon]
            portText = endpoint[endpoint.index(after: colon)...]
        }
        guard !host.isEmpty else { throw .missingHost(text) }
        guard let port = Int(portText), (1...65535).contains(port) else { throw .invalidPort(text) }
        return .tls(host: String(host), port: port)
    }
}
