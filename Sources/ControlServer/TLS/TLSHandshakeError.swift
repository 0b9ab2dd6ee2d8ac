import NIOSSL

/// Why a TLS client never got as far as a call, in words for the daemon's log.
enum TLSHandshakeError: Error, Sendable, CustomStringConvertible {
    /// The client did not complete the handshake within the handshake timeout.
    case timedOut(Duration)
    /// The handshake failed: no client certificate, one the client CA did not sign, one expired or not yet valid,
    /// or a client that does not speak TLS 1.3. `reason` is the TLS library's account.
    case failed(reason: String)
    /// The client closed the connection before the handshake completed.
    case closedDuringHandshake
    /// The handshake completed without a client certificate; verification requires one, so this should not
    /// happen, and the connection is refused if it does.
    case noClientCertificate

    /// A sentence for the log.
    var description: String {
        switch self {
        case .timedOut(let timeout):
            "the client did not complete the TLS handshake within \(timeout)"
        case .failed(let reason):
            "the TLS handshake failed: \(reason)"
        case .closedDuringHandshake:
            "the client closed the connection during the TLS handshake"
        case .noClientCertificate:
            "the client presented no certificate"
        }
    }

    /// Wraps what NIOSSL reported, translating the BoringSSL reasons an operator will meet most.
    static func from(_ error: any Error) -> TLSHandshakeError {
        let text = String(describing: error)
        let known: [(String, String)] = [
            ("PEER_DID_NOT_RETURN_A_CERTIFICATE", "the client presented no certificate"),
            ("CERTIFICATE_VERIFY_FAILED",
             "the client certificate is not signed by the client CA, has expired or is not yet valid"),
            ("UNSUPPORTED_PROTOCOL", "the client does not offer TLS 1.3"),
            ("TLSV1_ALERT_UNKNOWN_CA", "the client does not trust this site's certificate"),
            ("WRONG_VERSION_NUMBER", "the client did not speak TLS"),
        ]
        for (marker, meaning) in known where text.contains(marker) {
            return .failed(reason: "\(meaning) (\(marker))")
        }
        return .failed(reason: text)
    }
}
