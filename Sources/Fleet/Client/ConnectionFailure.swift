import Synchronization

/// Why a connection to a site failed, recorded once by `VarlinkClientHandler` on the event loop and read by
/// `VarlinkClient` when a later write fails.
///
/// A write on a connection NIO has already closed fails without reaching the handler, so without this record a
/// call made just after the site refused our certificate would report only that the connection closed.
final class ConnectionFailure: Sendable {
    private let failure = Mutex<ClientError?>(nil)

    /// The first failure recorded, if any.
    var error: ClientError? {
        failure.withLock { $0 }
    }

    /// Records `error` unless a failure was already recorded; returns the failure that stands.
    @discardableResult
    func record(_ error: ClientError) -> ClientError {
        failure.withLock { failure in
            if let failure { return failure }
            failure = error
            return error
        }
    }
}
