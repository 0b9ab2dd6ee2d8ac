import Synchronization

/// The connection budgets of the control server's two doors (issue 12), so that no kind of client can use up
/// another's room:
/// - the Unix socket has its own budget (`maxConnections`);
/// - TLS connections still in their handshake (or refused in it and being closed) share a budget of their own,
///   of which one remote address may hold only a share; when it is full, the oldest handshake is closed to make
///   room, so connections that never complete a handshake cannot keep out a client that completes one in
///   milliseconds;
/// - TLS clients through the handshake have a third budget, which only certificates the client CA signed reach.
///
/// Each connection holds one slot, named by the server's connection number, from admission until `release`.
final class ConnectionBudget: Sendable {
    /// The budgets' sizes.
    struct Limits: Sendable {
        /// Connections on the Unix socket.
        var unix: Int
        /// TLS clients through the handshake.
        var tlsClients: Int
        /// TLS connections not through the handshake.
        var handshakes: Int
        /// TLS connections not through the handshake from one remote address.
        var handshakesPerAddress: Int
    }

    /// What became of a new TLS connection.
    enum Admission {
        /// It holds a handshake slot; it took the slot of `evicted`, which the caller closes, if the budget was full.
        case admitted(evicted: Handshake?)
        /// There is no room for it: close it.
        case refused(RefusalReason)
    }

    /// A handshake in progress: its connection, where from, and how to close it if it must make room.
    struct Handshake: Sendable {
        /// The server's number for the connection.
        var id: Int
        /// The remote address it counts against.
        var address: String
        /// Closes the connection.
        var close: @Sendable () -> Void
    }

    private struct State {
        var unix: Set<Int> = []
        var tlsClients: Set<Int> = []
        var handshakes: [Int: Handshake] = [:]
        var handshakesByAddress: [String: Int] = [:]

        mutating func removeHandshake(_ id: Int) -> Handshake? {
            guard let handshake = handshakes.removeValue(forKey: id) else { return nil }
            let remaining = (handshakesByAddress[handshake.address] ?? 1) - 1
            handshakesByAddress[handshake.address] = remaining > 0 ? remaining : nil
            return handshake
        }
    }

    private let limits: Limits
    private let state = Mutex(State())

    /// Creates empty budgets of the given sizes.
    init(_ limits: Limits) {
        self.limits = limits
    }

    /// Takes a Unix socket slot for connection `id`, or says why there is none.
    func admitUnix(_ id: Int) -> RefusalReason? {
        state.withLock { state in
            guard state.unix.count < limits.unix else { return .unixSocketFull(limit: limits.unix) }
            state.unix.insert(id)
            return nil
        }
    }

    /// Takes a handshake slot for TLS connection `id` from `address`; `close` closes it should a newer connection
    /// need its slot. Connections are numbered in the order they arrive, so the lowest number is the oldest.
    func admitHandshake(_ id: Int, address: String, close: @escaping @Sendable () -> Void) -> Admission {
        state.withLock { state in
            guard state.handshakesByAddress[address, default: 0] < limits.handshakesPerAddress else {
                return .refused(.handshakesFromAddressFull(limit: limits.handshakesPerAddress))
            }
            var evicted: Handshake?
            if state.handshakes.count >= limits.handshakes, let oldest = state.handshakes.keys.min() {
                evicted = state.removeHandshake(oldest)
            }
            state.handshakes[id] = Handshake(id: id, address: address, close: close)
            state.handshakesByAddress[address, default: 0] += 1
            return .admitted(evicted: evicted)
        }
    }

    /// Moves TLS connection `id` from the handshake budget to the clients' once its handshake has completed, or says
    /// why it cannot stay (its slot is given up either way).
    func completeHandshake(_ id: Int) -> RefusalReason? {
        state.withLock { state in
            _ = state.removeHandshake(id)
            guard state.tlsClients.count < limits.tlsClients else { return .tlsClientsFull(limit: limits.tlsClients) }
            state.tlsClients.insert(id)
            return nil
        }
    }

    /// Gives up whatever slot connection `id` holds (nothing, if it was closed to make room or never admitted).
    func release(_ id: Int) {
        state.withLock { state in
            state.unix.remove(id)
            state.tlsClients.remove(id)
            _ = state.removeHandshake(id)
        }
    }

    /// How many slots each budget has taken: for tests and the log.
    var usage: (unix: Int, tlsClients: Int, handshakes: Int) {
        state.withLock { ($0.unix.count, $0.tlsClients.count, $0.handshakes.count) }
    }
}
