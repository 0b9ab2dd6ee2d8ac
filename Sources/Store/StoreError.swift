import Foundation
import GRDB

/// Everything the store can refuse or fail at, worded so that a commune operator (or the province office reading
/// a fleet report) knows what to do next. Handlers map these cases to varlink errors; the text is for people.
public enum StoreError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A row the caller named does not exist: `what` is the kind ("media", "alert", "schedule", …), `name` the key.
    case notFound(what: String, name: String)
    /// Another media file already uses this name; names are unique so that schedules can refer to media by name.
    case nameTaken(name: String, existingSHA256: String)
    /// The media cannot be deleted while live alerts or schedules still refer to it; `references` names each one.
    case inUse(name: String, references: [String])
    /// The alert was cancelled, so a replay of the same id (or a late update from the engine) must not revive it.
    case alertCancelled(id: String)
    /// The alert changed (escalated, replaced) after the caller read it, so the caller's update would undo that.
    case alertChanged(id: String)
    /// Every alert with this id was pushed with a higher role than the caller's, so the caller may not cancel it.
    case alertOutranked(id: String, role: String)
    /// A sha256 prefix matched more than one media file, so it cannot say which one is meant.
    case ambiguous(prefix: String, matches: [String])
    /// A record handed to the store breaks one of its rules; `what` names the field or record, `reason` the rule.
    case invalid(what: String, reason: String)
    /// The file at `path` is not a SQLite database or failed its integrity check.
    case corrupt(path: String, message: String)
    /// SQLite failed during `operation` for a reason that is neither corruption nor one of the cases above.
    case database(operation: String, message: String)

    /// One sentence an operator can act on.
    public var description: String {
        switch self {
        case .notFound(let what, let name):
            return "\(what) '\(name)' not found"
        case .nameTaken(let name, let existingSHA256):
            return "media name '\(name)' is already used by \(existingSHA256.prefix(12)); "
                + "choose another name or delete that media first"
        case .inUse(let name, let references):
            return "media '\(name)' is still used by \(references.joined(separator: ", ")); "
                + "cancel those alerts or edit those schedules first"
        case .alertCancelled(let id):
            return "alert '\(id)' was cancelled and cannot be sent again; send it with a new id"
        case .alertChanged(let id):
            return "alert '\(id)' changed while this update was being made; read it again"
        case .alertOutranked(let id, let role):
            return "alert '\(id)' was pushed with a higher role than \(role); only a caller of that role can cancel it"
        case .ambiguous(let prefix, let matches):
            let shown = matches.map { String($0.prefix(12)) }.joined(separator: ", ")
            return "sha256 prefix '\(prefix)' matches \(matches.count) media files (\(shown)); give more characters"
        case .invalid(let what, let reason):
            return "invalid \(what): \(reason)"
        case .corrupt(let path, let message):
            return "state database \(path) is damaged (\(message)); stop communecastd, move the file aside "
                + "and restart to begin with an empty state, or restore it from a backup"
        case .database(let operation, let message):
            return "state database error during \(operation): \(message)"
        }
    }

    /// Turns whatever a database access threw into a `StoreError`, naming the operation and the file.
    ///
    /// Errors that are already `StoreError` pass through unchanged. SQLite's result codes that an operator can do
    /// something about (full disk, permissions, a second daemon holding the lock) get a hint instead of the bare
    /// SQLite message.
    static func wrapping(_ error: any Error, operation: String, path: String) -> StoreError {
        if let error = error as? StoreError {
            return error
        }
        guard let error = error as? DatabaseError else {
            return .database(operation: operation, message: String(describing: error))
        }
        let detail = error.message ?? "SQLite result code \(error.extendedResultCode.rawValue)"
        switch error.resultCode {
        case .SQLITE_CORRUPT, .SQLITE_NOTADB:
            return .corrupt(path: path, message: detail)
        case .SQLITE_FULL:
            return .database(operation: operation, message: "the disk holding \(path) is full; free some space")
        case .SQLITE_READONLY, .SQLITE_CANTOPEN, .SQLITE_PERM:
            return .database(
                operation: operation,
                message: "cannot write \(path) (\(detail)); check that its directory exists and that "
                    + "communecastd's user may write there"
            )
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return .database(
                operation: operation,
                message: "\(path) is locked (\(detail)); is a second communecastd running on the same state?"
            )
        case .SQLITE_IOERR:
            return .database(operation: operation, message: "I/O error on \(path) (\(detail)); check the disk")
        default:
            return .database(operation: operation, message: detail)
        }
    }
}
