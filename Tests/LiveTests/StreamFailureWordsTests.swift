import NIOCore
@testable import StreamInput
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// What the site's log and as-run entry say when the network fails under a stream: words, not NIO's descriptions.
@Suite("Stream failures in words")
struct StreamFailureWordsTests {
    @Test("a reset or broken connection is a stream the server closed; any other socket error names the address")
    func socketErrors() {
        let address = "radio.example:8000"
        for code in [ECONNRESET, EPIPE] {
            let reset = IOError(errnoCode: code, reason: "read(descriptor:pointer:size:)")
            #expect(StreamHTTPHandler.failure(for: reset, address: address) == .closed)
        }
        let unreachable = IOError(errnoCode: EHOSTUNREACH, reason: "connect")
        let failure = StreamHTTPHandler.failure(for: unreachable, address: address)
        #expect("\(failure)" == "cannot connect to radio.example:8000: no route to host")
        #expect(StreamConnection.words(IOError(errnoCode: ECONNREFUSED, reason: "connect")) == "connection refused")
    }
}
