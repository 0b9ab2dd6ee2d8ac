import Dispatch

/// One queue of blocking work (database writes, parsing, conflict checks) that runs in the order it was asked for,
/// on a thread of its own rather than on the cooperative pool. A handler awaits its result, so four clients adding
/// schedules at once wait for each other instead of taking every pool thread away from the calls behind them (an
/// emergency PushAlert, a GetHealth). Background upkeep is queued on the same queue, so it never overlaps a change.
final class SerialWork: Sendable {
    private let queue: DispatchQueue

    /// A queue whose thread is named `label` in the process's thread list.
    init(label: String) {
        queue = DispatchQueue(label: label, qos: .utility)
    }

    /// Runs `work` after everything queued before it, and returns its result.
    func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async { continuation.resume(with: Result { try work() }) }
        }
    }

    /// Queues `work` without waiting for it.
    func enqueue(_ work: @escaping @Sendable () -> Void) {
        queue.async(execute: work)
    }
}
