import Foundation

/// A certificate or key file that cannot be used, naming the file and what is wrong with it.
public enum TrustFileError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file cannot be read or does not hold what it should.
    case unreadable(path: String, reason: String)
    /// The private key does not belong to the certificate.
    case keyMismatch(certificate: String, key: String)

    /// A sentence an operator can act on.
    public var description: String {
        switch self {
        case .unreadable(let path, let reason):
            "'\(path)': \(reason)"
        case .keyMismatch(let certificate, let key):
            "the key '\(key)' does not belong to the certificate '\(certificate)'"
        }
    }

    /// The text of the file at `path`, or `.unreadable` saying why not.
    static func readText(_ path: String) throws(TrustFileError) -> String {
        do {
            return try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            let reason = FileManager.default.fileExists(atPath: path) ? "it cannot be read as UTF-8 text"
                : "no such file"
            throw .unreadable(path: path, reason: reason)
        }
    }
}
