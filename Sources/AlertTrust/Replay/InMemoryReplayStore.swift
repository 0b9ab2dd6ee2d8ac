import ControlProtocol
import Foundation
import Synchronization

/// A ``ReplayStore`` in memory, for tests and for tools that check a sequence of envelopes.
public final class InMemoryReplayStore: ReplayStore, Sendable {
    private let rows = Mutex<[AlertKey: ReplayEntry]>([:])

    /// An empty store.
    public init() {}

    /// Every row, ordered by key.
    public var entries: [ReplayEntry] {
        rows.withLock { $0.values.sorted { $0.key < $1.key } }
    }

    /// The row for `key`, if any.
    public func entry(for key: AlertKey) -> ReplayEntry? {
        rows.withLock { $0[key] }
    }

    /// Inserts or replaces a row.
    public func save(_ entry: ReplayEntry) {
        rows.withLock { $0[entry.key] = entry }
    }

    /// Deletes rows kept until before `date`.
    public func removeEntries(keptUntilBefore date: Date) -> Int {
        rows.withLock { rows in
            let old = rows.values.filter { $0.keepUntil < date }.map(\.key)
            for key in old { rows[key] = nil }
            return old.count
        }
    }
}
