/// Why a connection attempt failed or a connection ended, as a typed cause; the text is derived from it.
public enum UplinkFailure: Sendable, Equatable, CustomStringConvertible {
    /// The broker's name did not resolve.
    case nameNotResolved(host: String)
    /// The TCP connection was refused or could not be made (with the system's reason).
    case unreachable(reason: String)
    /// The TLS handshake failed: the broker refused our certificate, or we refused its (OpenSSL's reason).
    case tls(reason: String)
    /// The broker answered CONNECT with a refusal (MQTT 5 reason code and its name).
    case refused(reasonCode: Int32, reason: String)
    /// No CONNACK within the connect timeout.
    case timedOut(after: Duration)
    /// The broker ended the connection with a DISCONNECT (session taken over, shutting down…).
    case disconnectedByBroker(reasonCode: Int32, reason: String)
    /// The connection dropped (reset, keep-alive expired, EOF), with libmosquitto's reason.
    case connectionLost(reason: String)

    /// The cause in a sentence, for the log and the status.
    public var description: String {
        switch self {
        case .nameNotResolved(let host): "the broker's name '\(host)' does not resolve"
        case .unreachable(let reason): "cannot reach the broker: \(reason)"
        case .tls(let reason): "TLS handshake failed: \(reason)"
        case .refused(let code, let reason): "the broker refused the connection: \(reason) (reason code \(code))"
        case .timedOut(let after): "no CONNACK from the broker within \(after)"
        case .disconnectedByBroker(let code, let reason): "the broker disconnected us: \(reason) (reason code \(code))"
        case .connectionLost(let reason): "connection lost: \(reason)"
        }
    }
}
