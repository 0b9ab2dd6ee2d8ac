import HTTPClientChannel
import NIOHTTP1
import Testing

/// How a URL becomes the connection and the request: the part the office's fetcher and the site's media download
/// share, so a URL one of them accepts is read the same way by the other.
@Suite("HTTPTarget")
struct HTTPTargetTests {
    @Test("an https: URL without a port connects to 443 and sends the bare host")
    func httpsDefaults() throws {
        let target = try #require(HTTPTarget(url: "https://media.example.vn/media/ab.opus"))
        #expect(target.host == "media.example.vn")
        #expect(target.port == 443)
        #expect(target.secure)
        #expect(target.requestTarget == "/media/ab.opus")
        #expect(target.hostHeader == "media.example.vn")
    }

    @Test("an explicit port goes into the Host header; the query stays in the request target")
    func portAndQuery() throws {
        let target = try #require(HTTPTarget(url: "HTTP://127.0.0.1:8080/feed?since=2&x=y"))
        #expect(target.port == 8080)
        #expect(!target.secure)
        #expect(target.requestTarget == "/feed?since=2&x=y")
        #expect(target.hostHeader == "127.0.0.1:8080")
    }

    @Test("an empty path asks for /")
    func emptyPath() throws {
        #expect(try #require(HTTPTarget(url: "http://example.vn")).requestTarget == "/")
    }

    @Test("other schemes, a missing host and text that is no URL are refused", arguments: [
        "ftp://example.vn/a", "file:///etc/passwd", "http://", "mailto:ops@example.vn", "not a url", "",
    ])
    func refused(url: String) {
        #expect(HTTPTarget(url: url) == nil)
    }

    @Test("the request head: method, target, Host and User-Agent first, the caller's headers, Connection: close last")
    func head() throws {
        let target = try #require(HTTPTarget(url: "http://example.vn:81/media/x.opus"))
        let head = HTTPClientChannel.head(.GET, target, userAgent: "communecastd", headers: [("Range", "bytes=10-")])
        #expect(head.method == .GET)
        #expect(head.uri == "/media/x.opus")
        #expect(head.version == .http1_1)
        #expect(head.headers.map(\.name) == ["Host", "User-Agent", "Range", "Connection"])
        #expect(head.headers["Host"] == ["example.vn:81"])
        #expect(head.headers["Connection"] == ["close"])
    }
}
