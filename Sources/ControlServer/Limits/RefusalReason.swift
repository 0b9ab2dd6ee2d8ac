/// Why a connection was closed for want of room in a connection budget, for the rate-limited log.
enum RefusalReason: Hashable, Sendable, CustomStringConvertible {
    /// The Unix socket's budget (`maxConnections`) was full.
    case unixSocketFull(limit: Int)
    /// The remote address already held its share of the handshake budget (`maxTLSHandshakesPerAddress`).
    case handshakesFromAddressFull(limit: Int)
    /// The handshake budget (`maxTLSHandshakes`) was full, so the oldest handshake was closed to make room.
    case oldestHandshakeClosed(limit: Int)
    /// The budget of TLS clients through the handshake (`maxTLSClients`) was full.
    case tlsClientsFull(limit: Int)

    /// A short phrase for the log, with the limit that was reached.
    var description: String {
        switch self {
        case .unixSocketFull(let limit):
            "the Unix socket already has \(limit) connections (limits.max_connections)"
        case .handshakesFromAddressFull(let limit):
            "\(limit) TLS handshakes from this address are already in progress "
                + "(limits.max_tls_handshakes_per_address)"
        case .oldestHandshakeClosed(let limit):
            "the oldest of \(limit) TLS handshakes in progress was closed to make room (limits.max_tls_handshakes)"
        case .tlsClientsFull(let limit):
            "\(limit) TLS clients are already connected (limits.max_tls_connections)"
        }
    }

    /// A stable key for the summary line's metadata.
    var key: String {
        switch self {
        case .unixSocketFull: "unix_socket_full"
        case .handshakesFromAddressFull: "handshakes_from_address_full"
        case .oldestHandshakeClosed: "oldest_handshake_closed"
        case .tlsClientsFull: "tls_clients_full"
        }
    }
}
