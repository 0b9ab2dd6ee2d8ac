/// What a stream reader is playing: one of its URLs, or its fallback.
public enum StreamSource: Sendable, Equatable, CustomStringConvertible {
    /// `urls[index]` of the configuration.
    case url(index: Int, url: String)
    /// The configured fallback (stored media or silence).
    case fallback(StreamFallback)

    public var description: String {
        switch self {
        case let .url(index, url): index == 0 ? "\(url) (primary)" : "\(url) (alternative \(index))"
        case .fallback(.silence): "fallback (silence)"
        case let .fallback(.media(path)): "fallback (\(path))"
        }
    }
}
