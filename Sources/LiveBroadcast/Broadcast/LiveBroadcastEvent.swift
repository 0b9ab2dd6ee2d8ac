/// What happened to a live broadcast's connection, for the operator's terminal and `--json`.
public enum LiveBroadcastEvent: Sendable, Equatable, CustomStringConvertible {
    /// Connected and logged in as the mount's source; `attempt` counts from 1.
    case connected(attempt: Int)
    /// The connection failed or was lost; capture goes on and pages older than the backlog are dropped.
    case disconnected(LiveError)
    /// The next attempt is in `seconds`.
    case retrying(seconds: Double)

    public var description: String {
        switch self {
        case let .connected(attempt): attempt == 1 ? "on air" : "on air again (attempt \(attempt))"
        case let .disconnected(error): "connection lost: \(error)"
        case let .retrying(seconds): "reconnecting in \(seconds) s"
        }
    }
}
