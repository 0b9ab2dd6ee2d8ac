import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// The two sockets of one proxied connection, closed together when the second of its two pump threads ends (the
/// first shuts both down so the other wakes).
final class SocketPair: Sendable {
    private let client: Int32
    private let server: Int32
    private let ended = Atomic<Int>(0)

    /// Wraps the accepted and the upstream socket.
    init(client: Int32, server: Int32) {
        self.client = client
        self.server = server
    }

    /// Called by each pump as it ends.
    func release() {
        if ended.add(1, ordering: .relaxed).newValue == 1 {
            shutdown(client, Int32(SHUT_RDWR))
            shutdown(server, Int32(SHUT_RDWR))
        } else {
            close(client)
            close(server)
        }
    }
}
