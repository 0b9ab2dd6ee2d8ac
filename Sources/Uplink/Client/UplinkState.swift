/// Where the uplink stands, for health and for tests that wait for a state.
public enum UplinkState: Sendable, Equatable {
    /// Not started yet.
    case idle
    /// Connecting to a broker (TCP, TLS, CONNECT).
    case connecting(BrokerEndpoint)
    /// Connected, in session number `session`.
    case connected(BrokerEndpoint, session: Int)
    /// Waiting to try `next` again after a failure.
    case waiting(next: BrokerEndpoint, after: UplinkFailure)
    /// Stopped for good.
    case stopped

    /// Whether it is connected.
    public var isConnected: Bool {
        if case .connected = self { return true }
        return false
    }
}
