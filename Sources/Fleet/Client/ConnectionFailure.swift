import Synchronization

/// Why a connection to a site failed: every account its handlers gave, reduced to the most telling one.
///
/// The handlers record what they see as it comes (a TLS error, a reset, a timer, the close), and the connection's
/// calls are failed only once it has closed, with the failure that stands then, so the reason an operator reads does
/// not depend on the order in which the reports arrived. A write on a connection NIO has already closed fails
/// without reaching the handlers; `VarlinkClient` reads the reason here then.
final class ConnectionFailure: Sendable {
    private struct State {
        var account: FailureAccount?
        var sealed = false
    }

    private let state = Mutex(State())

    /// The failure that stands, if any.
    var error: ClientError? {
        state.withLock { $0.account?.error }
    }

    /// Records `account` if it tells more than the one recorded (of two that tell as much, the first stays), unless
    /// the failure is already final; returns the failure that stands.
    @discardableResult
    func record(_ account: FailureAccount) -> ClientError {
        state.withLock { state in
            if let current = state.account, state.sealed || current.weight >= account.weight { return current.error }
            state.account = account
            return account.error
        }
    }

    /// Records `account` as ``record(_:)`` does and makes the failure final: the connection has closed.
    @discardableResult
    func seal(with account: FailureAccount) -> ClientError {
        state.withLock { state in
            if !state.sealed, state.account.map({ $0.weight < account.weight }) ?? true { state.account = account }
            state.sealed = true
            return state.account?.error ?? account.error
        }
    }
}
