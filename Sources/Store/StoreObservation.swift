import GRDB

/// A running observation of the store (``Store/observeMediaTotals(_:)``): it lasts until ``cancel()`` or until
/// this value is released, so its owner keeps it for as long as it wants to hear about changes.
public final class StoreObservation: Sendable {
    private let cancellable: AnyDatabaseCancellable

    init(_ cancellable: AnyDatabaseCancellable) {
        self.cancellable = cancellable
    }

    /// Stops the observation; no change is reported after this returns.
    public func cancel() {
        cancellable.cancel()
    }
}
