import Foundation

/// Computes a value on its own thread while the caller gets on with something else, so the pipeline can use the
/// second core: true-peak measurement runs beside Opus encoding.
final class BackgroundValue<Value: Sendable>: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var result: Result<Value, Error>?

    /// Starts `work` at once on a new thread.
    init(_ name: String, _ work: @escaping @Sendable () throws -> Value) {
        let thread = Thread { [self] in
            result = Result { try work() }
            done.signal()
        }
        thread.name = name
        thread.start()
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
