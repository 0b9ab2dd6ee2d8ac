import Foundation
import GRDB

extension Store {
    /// The alert that health reports: of those that have aired, are airing or have ended, the one changed last.
    /// An alert still waiting for its first airing has no outcome yet and is left out.
    private static let latestAlertSQL = """
        SELECT * FROM alert WHERE NOT (state = 'pending' AND repeatsDone = 0)
        ORDER BY updatedAt DESC, createdAt DESC, id DESC LIMIT 1
        """

    /// The query behind ``observeLatestAlert(_:)``.
    private static func fetchLatestAlert(_ db: Database) throws -> AlertRecord? {
        try AlertRecord.fetchOne(db, sql: latestAlertSQL)
    }

    /// Tells `onChange` the number of media files and their bytes now, and again after every transaction that
    /// changes the media table, before that transaction's write call returns: a caller that has stored or
    /// deleted media and then asks health sees its own change.
    ///
    /// `onChange` runs on the database's writer queue, so it must only take a lock and store the value. The
    /// observation lasts until the returned value is cancelled or released.
    public func observeMediaTotals(
        _ onChange: @escaping @Sendable (Result<(count: Int, bytes: Int), StoreError>) -> Void
    ) throws(StoreError) -> StoreObservation {
        try observe(table: MediaRecord.databaseTableName, operation: "count media", onChange,
                    fetch: { try Self.fetchMediaTotals($0) })
    }

    /// Tells `onChange` the alert health reports now, and again after every transaction that
    /// changes the alert table (push, airing, repeat, cancel, expiry), in the same way as
    /// ``observeMediaTotals(_:)``.
    public func observeLatestAlert(
        _ onChange: @escaping @Sendable (Result<AlertRecord?, StoreError>) -> Void
    ) throws(StoreError) -> StoreObservation {
        try observe(table: AlertRecord.databaseTableName, operation: "read the latest alert", onChange,
                    fetch: { try Self.fetchLatestAlert($0) })
    }

    /// Starts a region observation of `table` that runs `fetch` after each change, then delivers the current value
    /// through the writer queue, so no change between the two can be missed or arrive out of order.
    private func observe<Value: Sendable>(
        table: String,
        operation: String,
        _ onChange: @escaping @Sendable (Result<Value, StoreError>) -> Void,
        fetch: @escaping @Sendable (Database) throws -> Value
    ) throws(StoreError) -> StoreObservation {
        let path = path
        let deliver: @Sendable (Database) -> Void = { db in
            do {
                onChange(.success(try fetch(db)))
            } catch {
                onChange(.failure(StoreError.wrapping(error, operation: operation, path: path)))
            }
        }
        let cancellable = DatabaseRegionObservation(tracking: Table(table)).start(in: writer, onError: { error in
            onChange(.failure(StoreError.wrapping(error, operation: operation, path: path)))
        }, onChange: deliver)
        try write(operation, deliver)
        return StoreObservation(cancellable)
    }
}
