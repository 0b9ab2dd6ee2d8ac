import BroadcastModel
import Foundation
import GRDB

/// The daemon's durable state in one SQLite file (`/var/lib/communecast/state.sqlite`): media rows, alerts with
/// their repeats and expiry, the as-run and audit logs, schedules and settings.
///
/// Every operation is synchronous and runs in one transaction, so a caller never sees half of a change and a power
/// cut never leaves one. The daemon calls the store from its handlers and engine threads; a `DatabasePool` lets
/// reads (health, listings, as-run queries) run while a write is in progress. Errors are ``StoreError``s that name
/// the operation and say what an operator can do.
public final class Store: Sendable {
    /// How many log entries (as-run, audit) a query returns when the caller does not say.
    public static let defaultQueryLimit = 100
    /// The most log entries one query returns, so one request cannot pull a whole log into memory.
    public static let maximumQueryLimit = 10_000

    /// The database file, or ":memory:" for a store made by ``inMemory(clock:)``.
    public let path: String
    /// The GRDB connection (a pool for files, a queue in memory); `internal` so tests can reach under the API.
    let writer: any DatabaseWriter
    /// Where `updatedAt`, `addedAt` and similar stamps come from: the daemon's one clock; tests inject a manual one.
    let clock: any Clock

    /// Opens (creating if needed) the database at `path` and brings its schema up to date.
    ///
    /// - WAL journal, so readers never wait for the writer and a crash mid-write leaves the last commit intact.
    /// - `synchronous=FULL`: in WAL mode GRDB's default `NORMAL` may lose the last transactions on power loss,
    ///   which would let an acknowledged alert or cancel vanish after a blackout. `FULL` fsyncs the WAL on every
    ///   commit, which costs a few milliseconds per write on an SD card, a price the handful of writes per minute
    ///   here can pay.
    /// - Foreign keys on, and a 5 s busy timeout, so a `sqlite3` shell peeking at the file does not fail a write.
    /// - A `quick_check` after opening, so a damaged file is reported at start-up as
    ///   ``StoreError/corrupt(path:message:)`` rather than as odd failures later.
    ///
    /// The directory must exist; the daemon creates the state directory before opening the store.
    public convenience init(path: String, clock: any Clock = SystemClock()) throws(StoreError) {
        let pool: DatabasePool
        do {
            pool = try DatabasePool(path: path, configuration: Self.configuration())
            try pool.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA synchronous = FULL")
            }
        } catch {
            throw StoreError.wrapping(error, operation: "open", path: path)
        }
        try self.init(writer: pool, path: path, clock: clock)
        let problems = try read("integrity check") { db in
            try String.fetchAll(db, sql: "PRAGMA quick_check")
        }
        guard problems == ["ok"] else {
            try? pool.close()
            throw StoreError.corrupt(path: path, message: problems.prefix(3).joined(separator: "; "))
        }
    }

    /// A private in-memory store with the same schema, for tests and dry runs. Nothing survives it.
    public static func inMemory(clock: any Clock = SystemClock()) throws(StoreError) -> Store {
        let queue: DatabaseQueue
        do {
            queue = try DatabaseQueue(configuration: configuration())
        } catch {
            throw StoreError.wrapping(error, operation: "open", path: ":memory:")
        }
        return try Store(writer: queue, path: ":memory:", clock: clock)
    }

    /// Wraps an open connection and applies the pending migrations.
    private init(writer: any DatabaseWriter, path: String, clock: any Clock) throws(StoreError) {
        self.writer = writer
        self.path = path
        self.clock = clock
        do {
            try StoreSchema.migrator.migrate(writer)
        } catch {
            try? writer.close()
            throw StoreError.wrapping(error, operation: "schema migration", path: path)
        }
    }

    /// The connection settings shared by file and memory stores.
    private static func configuration() -> Configuration {
        var configuration = Configuration()
        configuration.label = "communecast.state"
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(5)
        return configuration
    }

    /// Runs SQLite's full `integrity_check`; `true` when it answers "ok". Slower than the `quick_check` done on
    /// open, so the daemon offers it as an explicit health probe.
    public func integrityCheck() throws(StoreError) -> Bool {
        try read("integrity check") { db in
            try String.fetchAll(db, sql: "PRAGMA integrity_check") == ["ok"]
        }
    }

    /// Copies the WAL into the main file and truncates it, so the file alone is a complete copy (for a backup) and
    /// the next start does not replay a long WAL. The daemon calls it on graceful shutdown, before ``close()``.
    public func checkpoint() throws(StoreError) {
        do {
            try writer.writeWithoutTransaction { db in
                _ = try db.checkpoint(.truncate)
            }
        } catch {
            throw StoreError.wrapping(error, operation: "checkpoint", path: path)
        }
    }

    /// Closes every connection. Calls after this fail with ``StoreError/database(operation:message:)``.
    public func close() throws(StoreError) {
        do {
            try writer.close()
        } catch {
            throw StoreError.wrapping(error, operation: "close", path: path)
        }
    }

    /// The migrations applied to this database, oldest first; for diagnostics and for tests.
    public func appliedMigrations() throws(StoreError) -> [String] {
        try read("list migrations") { db in
            try StoreSchema.migrator.appliedMigrations(db)
        }
    }

    /// Runs `body` in one write transaction, turning its errors into `StoreError`s named after `operation`.
    func write<T>(_ operation: String, _ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try writer.write(body)
        } catch {
            throw StoreError.wrapping(error, operation: operation, path: path)
        }
    }

    /// Runs `body` in one read transaction (a snapshot), turning its errors into `StoreError`s.
    func read<T>(_ operation: String, _ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try writer.read(body)
        } catch {
            throw StoreError.wrapping(error, operation: operation, path: path)
        }
    }

    /// The store clock's current time as the database will keep it (millisecond resolution).
    func now() -> Date {
        StoreTime.rounded(clock.now())
    }
}
