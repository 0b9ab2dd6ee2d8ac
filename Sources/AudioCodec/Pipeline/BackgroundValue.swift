import Foundation
import HostSystem

/// Computes a value on its own thread while the caller gets on with something else, so the pipeline can use the
/// second core: true-peak measurement runs beside Opus encoding.
final class BackgroundValue<Value: Sendable>: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var result: Result<Value, Error>?

    /// Starts `work` at once on a new thread. `work` is `sending`: whatever it captures (such as a decoder, which is
    /// not `Sendable`) is the thread's alone from here on, and the caller can no longer touch it.
    init(_ name: String, _ work: sending @escaping () throws -> Value) {
        // The thread's block must be `@Sendable`; `work` was sent to this initialiser, so only the thread uses it.
        nonisolated(unsafe) let work = work
        NamedThread.start(name) { [self] in
            result = Result { try work() }
            done.signal()
        }
    }

    /// Waits for the value.
    var value: Value {
        get throws {
            done.wait()
            done.signal()
            return try result!.get()
        }
    }
}
