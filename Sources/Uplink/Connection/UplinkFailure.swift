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
        case .tls(let reason): "TLS handshake failed: \(Self.inWords(openSSL: reason))"
        case .refused(let code, let reason): "the broker refused the connection: \(reason) (reason code \(code))"
        case .timedOut(let after): "no CONNACK from the broker within \(after)"
        case .disconnectedByBroker(let code, let reason): "the broker disconnected us: \(reason) (reason code \(code))"
        case .connectionLost(let reason): "connection lost: \(reason)"
        }
    }
}

extension UplinkFailure {
    /// OpenSSL's reasons that a province's staff meet when a site calls home, said in words, with OpenSSL's own text
    /// kept in brackets for whoever searches for it.
    static let openSSLReasons: [(fragment: String, words: String)] = [
        ("alert unknown ca", "the broker does not trust this site's certificate (it was signed by a CA the broker "
            + "does not know)"),
        ("certificate verify failed", "this site does not trust the broker's certificate (not signed by the CA in "
            + "uplink.ca, expired, or made for another name)"),
        ("certificate required", "the broker asks for a client certificate and this site sent none"),
        ("alert certificate expired", "the broker finds this site's certificate expired"),
        ("alert certificate revoked", "the broker finds this site's certificate revoked"),
        ("alert unsupported certificate", "the broker refused this site's certificate as unfit for a client (it "
            + "lacks the clientAuth extended key usage)"),
        ("alert bad certificate", "the broker refused this site's certificate"),
        ("alert certificate unknown", "the broker refused this site's certificate"),
        ("unexpected eof", "the broker closed the connection during the handshake (most often: it refused this "
            + "site's certificate)"),
        ("wrong version number", "the broker does not speak TLS on this port (plain MQTT, or another service)"),
    ]

    /// `reason` in words when OpenSSL's text is one of ``openSSLReasons``; otherwise as it is.
    static func inWords(openSSL reason: String) -> String {
        let lowered = reason.lowercased()
        guard let known = openSSLReasons.first(where: { lowered.contains($0.fragment) }) else { return reason }
        return "\(known.words) [OpenSSL: \(reason)]"
    }
}
