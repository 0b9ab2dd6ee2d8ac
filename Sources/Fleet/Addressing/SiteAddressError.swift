/// Why a site address could not be understood, quoting the address as written.
public enum SiteAddressError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The address starts with neither `unix:` nor `tls:`.
    case unknownScheme(String)
    /// A `unix:` address whose path is not absolute.
    case relativeSocketPath(String)
    /// A `tls:` address without a host.
    case missingHost(String)
    /// A `tls:` address without `:port`.
    case missingPort(String)
    /// A `tls:` address whose port is not a number from 1 to 65535.
    case invalidPort(String)

    /// A sentence a person editing the inventory can act on.
    public var description: String {
        switch self {
        case .unknownScheme(let text):
            "site address '\(text)' must start with unix: (as unix:/run/communecast/control.sock) or tls: "
                + "(as tls:host:port)"
        case .relativeSocketPath(let text):
            "site address '\(text)' must give an absolute socket path, as unix:/run/communecast/control.sock"
        case .missingHost(let text):
            "site address '\(text)' has no host; write tls:host:port"
        case .missingPort(let text):
            "site address '\(text)' has no port; write tls:host:port"
        case .invalidPort(let text):
            "site address '\(text)' has a port that is not a number from 1 to 65535"
        }
    }
}
