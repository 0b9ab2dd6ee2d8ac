@testable import Uplink
import Testing

/// What a site's log says when its call home fails on TLS: OpenSSL's reasons in words.
@Suite("Call-home TLS failures in words")
struct UplinkFailureWordsTests {
    @Test("OpenSSL's reasons a province meets are said in words, its text kept; others are left as they are",
          arguments: [
              ("error:0A000418:SSL routines::tlsv1 alert unknown ca",
               "TLS handshake failed: the broker does not trust this site's certificate (it was signed by a CA the "
                   + "broker does not know) [OpenSSL: error:0A000418:SSL routines::tlsv1 alert unknown ca]"),
              ("error:0A000086:SSL routines::certificate verify failed",
               "TLS handshake failed: this site does not trust the broker's certificate (not signed by the CA in "
                   + "uplink.ca, expired, or made for another name) [OpenSSL: error:0A000086:SSL routines::"
                   + "certificate verify failed]"),
              ("error:0A00010B:SSL routines::wrong version number",
               "TLS handshake failed: the broker does not speak TLS on this port (plain MQTT, or another service) "
                   + "[OpenSSL: error:0A00010B:SSL routines::wrong version number]"),
              ("cannot read /etc/communecast/uplink.key",
               "TLS handshake failed: cannot read /etc/communecast/uplink.key"),
          ])
    func words(reason: String, expected: String) {
        #expect("\(UplinkFailure.tls(reason: reason))" == expected)
    }

    @Test("libmosquitto's and the system's sentences become clauses of ours; an acronym keeps its capitals")
    func clauses() {
        #expect(MosquittoError.clause("The connection was lost.") == "the connection was lost")
        #expect(MosquittoError.clause("Connection refused") == "connection refused")
        #expect(MosquittoError.clause("TLS error.") == "TLS error")
        #expect("\(UplinkFailure.connectionLost(reason: MosquittoError.clause("The connection was lost.")))"
            == "connection lost: the connection was lost")
    }
}
