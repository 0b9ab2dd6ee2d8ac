import Logging
import Synchronization
import Uplink

/// What a ``BrokerConnection`` has received, recorded on the client's own thread as each event happens (never by a
/// task, which a busy cooperative pool could hold back past a caller's deadline).
final class BrokerInbox: Sendable {
    private struct State {
        var messages: [UplinkMessage] = []
        var connected = false
        var lastFailure: UplinkFailure?
    }

    private let state = Mutex(State())
    private let logger: Logger

    init(logger: Logger) {
        self.logger = logger
    }

    /// Whether the client has connected at least once.
    var connected: Bool { state.withLock { $0.connected } }

    /// Why the last attempt to connect failed.
    var lastFailure: UplinkFailure? { state.withLock { $0.lastFailure } }

    /// The messages delivered since `cursor` (0 for all), and the cursor to pass next time.
    func messages(since cursor: Int) -> (messages: [UplinkMessage], next: Int) {
        state.withLock { state in
            (Array(state.messages[min(cursor, state.messages.count)...]), state.messages.count)
        }
    }

    /// Records one event of the client; called on its thread.
    func record(_ event: UplinkEvent) {
        switch event {
        case .message(let message):
            state.withLock { $0.messages.append(message) }
        case .connected:
            state.withLock { $0.connected = true }
        case .connectionFailed(_, let failure, _):
            state.withLock { $0.lastFailure = failure }
            logger.debug("broker connection failed", metadata: ["reason": "\(failure)"])
        case .subscriptionRefused(let filter, let code):
            logger.warning("the broker refused a subscription", metadata: ["filter": "\(filter)", "code": "\(code)"])
        case .stopped:
            break
        }
    }
}
