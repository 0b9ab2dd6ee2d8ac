import CMosquitto
import Glibc

/// A libmosquitto call that failed, with the function, libmosquitto's code and its text (and the system's text for
/// `MOSQ_ERR_ERRNO`). Every return code goes through ``check(_:_:)``, the one place that turns it into an error.
struct MosquittoError: Error, Equatable, CustomStringConvertible {
    /// The libmosquitto function that failed.
    let function: String
    /// The `MOSQ_ERR_*` code.
    let code: Int32
    /// The `errno` the call left, for `MOSQ_ERR_ERRNO`; 0 otherwise.
    let systemError: Int32

    /// Captures `errno` at once, before anything else can change it.
    init(_ code: Int32, _ function: String) {
        self.code = code
        self.function = function
        systemError = code == MOSQ_ERR_ERRNO.rawValue ? errno : 0
    }

    /// Throws when `code` is not `MOSQ_ERR_SUCCESS`.
    static func check(_ code: Int32, _ function: String) throws(MosquittoError) {
        guard code == MOSQ_ERR_SUCCESS.rawValue else { throw MosquittoError(code, function) }
    }

    /// libmosquitto's sentence for the code, or the system's for `MOSQ_ERR_ERRNO`.
    var reason: String {
        let sentence = code == MOSQ_ERR_ERRNO.rawValue && systemError != 0
            ? String(cString: strerror(systemError)) : MosquittoLibrary.message(code)
        return Self.clause(sentence)
    }

    /// A library's sentence ("The connection was lost.") as the clause our messages put it in ("connection lost:
    /// the connection was lost"): no full stop, and no capital unless the first word is an acronym ("TLS error").
    static func clause(_ sentence: String) -> String {
        let text = sentence.hasSuffix(".") ? String(sentence.dropLast()) : sentence
        guard let first = text.first, first.isUppercase, !(text.dropFirst().first?.isUppercase ?? false) else {
            return text
        }
        return first.lowercased() + text.dropFirst()
    }

    /// `function: reason`.
    var description: String { "\(function): \(reason)" }
}
