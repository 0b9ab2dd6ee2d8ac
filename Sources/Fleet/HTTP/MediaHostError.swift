/// Why the office could not put a file on the media host, in words naming the URL.
public enum MediaHostError: Error, Sendable, CustomStringConvertible {
    /// Not an `http:` or `https:` base URL.
    case badHost(String)
    /// The request failed on the way.
    case connection(String)
    /// The host answered an unexpected status.
    case status(String, Int)
    /// The host accepted the file but does not serve it back.
    case notServed(String)

    /// The problem in words.
    public var description: String {
        switch self {
        case .badHost(let host):
            "--media-host '\(host)' is not a media host: give its base URL, http://HOST[:PORT][/PATH] or https://…"
        case .connection(let reason): "the media host: \(reason)"
        case .status(let url, let status):
            "\(url): the media host answered \(status)" + (status == 403
                ? " (it takes a PUT only over https:// with a staff certificate it lists: give --cert, --key, --ca)"
                : status == 405 ? " (it does not take PUT there: enable it, or copy the file to its media/ directory)"
                : "")
        case .notServed(let url): "\(url): the media host took the file but does not serve it back at that length"
        }
    }
}
