import CLibXML2
import CXMLSec
import HostSystem
import Synchronization

/// libxml2 and xmlsec1 keep process-wide state: both are opened (CLibXML2/shim.h, CXMLSec/shim.h) and set up once,
/// here, before the first parse, and everything that could reach outside the document is switched off for the whole
/// process.
///
/// - libxml2's external entity loader is replaced by one that loads nothing, so no DTD, entity or XInclude can read a
///   file or open a connection whatever a caller's parser options say (defence in depth: the byte check and the
///   options already refuse them).
/// - xmlsec1's I/O callbacks (files, HTTP) are removed: a reference may only be `URI=""`, the document itself.
/// - xmlsec1's errors go to ``lastErrors`` rather than to standard error, so a refusal can quote them.
enum XMLLibraries {
    /// Both libraries' functions, or why opening or set-up failed.
    private static let setUp: Result<Functions, CAPRefusal> = initialize()

    struct Functions: Sendable {
        let libxml2: communecast_libxml2
        let xmlsec: communecast_xmlsec
    }

    /// The xmlsec1 error lines of the current verification; callers hold ``lock`` around a verification.
    static let lastErrors = Mutex<[String]>([])

    /// Serialises signature verifications: xmlsec1's error callback and our error list are process-wide.
    static let lock = Mutex<Void>(())

    /// Opens and sets the libraries up if that has not happened yet.
    static func prepare() throws(CAPRefusal) {
        _ = try setUp.get()
    }

    /// The functions. Only after `prepare()` has succeeded, as every parse makes sure first.
    static var functions: Functions {
        OnDemandLibrary.table(setUp, of: "libxml2 and xmlsec1")
    }

    private static func initialize() -> Result<Functions, CAPRefusal> {
        func unavailable(_ failure: OnDemandLibrary.Unavailable) -> CAPRefusal {
            CAPRefusal("document", "the XML libraries cannot be opened (\(failure.reason)); install them (Debian: apt "
                + "install libxml2 libxmlsec1 libxmlsec1-openssl)")
        }
        let libxml2: communecast_libxml2
        let xmlsec: communecast_xmlsec
        switch (OnDemandLibrary.open(communecast_libxml2_load), OnDemandLibrary.open(communecast_xmlsec_load)) {
        case let (.success(opened), .success(openedSec)): (libxml2, xmlsec) = (opened, openedSec)
        case let (.failure(failure), _), let (_, .failure(failure)): return .failure(unavailable(failure))
        }
        func failed(_ step: String) -> Result<Functions, CAPRefusal> {
            .failure(CAPRefusal("document", "the XML libraries cannot be initialised: \(step) failed"))
        }
        libxml2.xmlInitParser()
        libxml2.xmlSetExternalEntityLoader { _, _, _ in nil }
        guard xmlsec.xmlSecInit() == 0 else { return failed("xmlSecInit") }
        guard xmlsec.xmlSecOpenSSLAppInit(nil) == 0 else { return failed("xmlSecOpenSSLAppInit") }
        guard xmlsec.xmlSecOpenSSLInit() == 0 else { return failed("xmlSecOpenSSLInit") }
        xmlsec.xmlSecIOCleanupCallbacks()
        xmlsec.xmlSecErrorsDefaultCallbackEnableOutput(0)
        xmlsec.xmlSecErrorsSetCallback { _, _, function, object, subject, reason, message in
            let parts = [function, object, subject, message].map { $0.map { String(cString: $0) } ?? "" }
            let line = "\(parts[0]): \(parts[3].isEmpty ? "reason \(reason)" : parts[3])"
                + (parts[2].isEmpty || parts[2] == "unknown" ? "" : " (\(parts[2]))")
            XMLLibraries.lastErrors.withLock { $0.append(line) }
        }
        return .success(Functions(libxml2: libxml2, xmlsec: xmlsec))
    }
}

/// libxml2's functions (`libxml2.xmlFreeDoc(…)`), for code that runs after `XMLLibraries.prepare()`.
var libxml2: communecast_libxml2 { XMLLibraries.functions.libxml2 }
/// xmlsec1's functions (`xmlsec.xmlSecDSigCtxVerify(…)`), for code that runs after `XMLLibraries.prepare()`.
var xmlsec: communecast_xmlsec { XMLLibraries.functions.xmlsec }
