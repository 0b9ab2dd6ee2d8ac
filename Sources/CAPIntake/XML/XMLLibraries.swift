import CLibXML2
import CXMLSec
import Synchronization

/// libxml2 and xmlsec1 keep process-wide state: both are set up once, here, before the first parse, and everything
/// that could reach outside the document is switched off for the whole process.
///
/// - libxml2's external entity loader is replaced by one that loads nothing, so no DTD, entity or XInclude can read a
///   file or open a connection whatever a caller's parser options say (defence in depth: the byte check and the
///   options already refuse them).
/// - xmlsec1's I/O callbacks (files, HTTP) are removed: a reference may only be `URI=""`, the document itself.
/// - xmlsec1's errors go to ``lastErrors`` rather than to standard error, so a refusal can quote them.
enum XMLLibraries {
    /// Why set-up failed, if it did.
    private static let setUp: String? = initialize()

    /// The xmlsec1 error lines of the current verification; callers hold ``lock`` around a verification.
    static let lastErrors = Mutex<[String]>([])

    /// Serialises signature verifications: xmlsec1's error callback and our error list are process-wide.
    static let lock = Mutex<Void>(())

    /// Sets the libraries up if that has not happened yet.
    static func prepare() throws(CAPRefusal) {
        if let setUp { throw CAPRefusal("document", "the XML libraries cannot be initialised: \(setUp)") }
    }

    private static func initialize() -> String? {
        xmlInitParser()
        xmlSetExternalEntityLoader { _, _, _ in nil }
        guard xmlSecInit() == 0 else { return "xmlSecInit failed" }
        guard xmlSecOpenSSLAppInit(nil) == 0 else { return "xmlSecOpenSSLAppInit failed" }
        guard xmlSecOpenSSLInit() == 0 else { return "xmlSecOpenSSLInit failed" }
        xmlSecIOCleanupCallbacks()
        xmlSecErrorsDefaultCallbackEnableOutput(0)
        xmlSecErrorsSetCallback { _, _, function, object, subject, reason, message in
            let parts = [function, object, subject, message].map { $0.map { String(cString: $0) } ?? "" }
            let line = "\(parts[0]): \(parts[3].isEmpty ? "reason \(reason)" : parts[3])"
                + (parts[2].isEmpty || parts[2] == "unknown" ? "" : " (\(parts[2]))")
            XMLLibraries.lastErrors.withLock { $0.append(line) }
        }
        return nil
    }
}
