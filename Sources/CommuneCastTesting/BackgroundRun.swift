import Foundation
import Synchronization

/// Runs a blocking piece of work (a CLI that waits for sites) on a thread of its own, so an async test can watch
/// and act meanwhile without tying up a thread of the cooperative pool, then waits for its result.
public final class BackgroundRun<Value: Sendable>: Sendable {
    private let outcome = Mutex<Result<Value, any Error>?>(nil)

    /// Starts `work` on a new thread.
    public init(_ work: @escaping @Sendable () throws -> Value) {
        let thread = Thread { [self] in
            let result = Result { try work() }
            outcome.withLock { $0 = result }
        }
        thread.start()
    }

    /// The work's value (or its error), waiting up to `timeout` for it.
    public func result(timeout: Duration) async throws -> Value {
        guard try await Poll.until(timeout: timeout, { outcome.withLock { $0 != nil } }),
              let result = outcome.withLock({ $0 }) else {
            throw HarnessError("the background work did not finish within \(timeout)")
        }
        return try result.get()
    }
}
