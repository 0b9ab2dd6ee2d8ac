import ControlProtocol
import Foundation

/// Where the replay logic keeps its rows. The daemon backs it with SQLite and runs ``ReplayGuard/admit`` inside one
/// write transaction, so a message is recorded whole or not at all and survives restarts; tests use
/// ``InMemoryReplayStore``.
public protocol ReplayStore {
    /// The row for `key`, if any.
    func entry(for key: AlertKey) throws -> ReplayEntry?
    /// Inserts or replaces the row for `entry.key`.
    func save(_ entry: ReplayEntry) throws
    /// Deletes every row whose `keepUntil` is before `date`; returns how many.
    func removeEntries(keptUntilBefore date: Date) throws -> Int
}

extension ReplayStore {
    /// The role an accepted message was issued with, for ``AlertVerifier/verify(_:now:standing:referencedRole:)``;
    /// `nil` if it never arrived. A store that cannot be read answers `.admin`, so the check fails closed: only an
    /// admin's cancel or update gets through while the store is broken.
    public func recordedRole(of key: AlertKey) -> Role? {
        do {
            return try entry(for: key)?.authority
        } catch {
            return .admin
        }
    }
}
