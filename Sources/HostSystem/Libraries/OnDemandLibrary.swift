#if canImport(Glibc)
import Glibc
#endif

/// A C library opened on first use instead of linked, so that only the commands that need it pay for loading it
/// (`Sources/CDynamic/dynamic.h` says why and how). Its wrapper's `…_load` function returns a table of the library's
/// functions; this copies it.
public enum OnDemandLibrary {
    /// Why a library could not be opened: the dynamic loader's own message, which names the file or symbol.
    public struct Unavailable: Error, Sendable, Equatable {
        public let reason: String
    }

    /// The table `load` returns, or the loader's message when it returns none. Call it once, from a `static let`:
    /// the libraries stay open for the life of the process.
    public static func open<Table>(
        _ load: (UnsafeMutablePointer<UnsafePointer<CChar>?>) -> UnsafeMutablePointer<Table>?
    ) -> Result<Table, Unavailable> {
        var error: UnsafePointer<CChar>?
        guard let table = load(&error) else {
            return .failure(Unavailable(reason: error.map { String(cString: $0) } ?? "unknown error"))
        }
        defer { free(table) }
        return .success(table.pointee)
    }

    /// The table of a library whose opening already succeeded, as its owner made sure first (`load()`,
    /// `prepare()`); a call without that check is a programming error and stops the process, naming `library`.
    public static func table<Table, Failure>(_ opened: Result<Table, Failure>, of library: String) -> Table {
        switch opened {
        case let .success(table): table
        case let .failure(error): preconditionFailure("\(library) used though it could not be opened: \(error)")
        }
    }
}
