@testable import Daemon
import Testing

/// The media fetcher's two small rules (issue 15 §5): a `206` answer's `Content-Range` read by RFC 9110 §14.4, and
/// what `uplink.media_host` accepts as a media host's base URL.
@Suite("Media fetch: Content-Range and media_host")
struct MediaFetchRulesTests {
    @Test("Content-Range gives the first byte and the total, or nothing for what is not a byte range")
    func contentRange() {
        #expect(RangedDownloadHandler.contentRange("bytes 50000-99999/100000")! == (50_000, 100_000))
        #expect(RangedDownloadHandler.contentRange("bytes 0-9/*")! == (0, nil))
        #expect(RangedDownloadHandler.contentRange("bytes */100000") == nil)
        #expect(RangedDownloadHandler.contentRange("items 0-9/10") == nil)
        #expect(RangedDownloadHandler.contentRange("bytes 10-") == nil)
    }

    @Test("media_host takes an http(s) base URL with a host, and nothing with a query, fragment or user")
    func mediaHost() {
        for good in ["https://media.angiang.example", "http://127.0.0.1:8080", "https://cdn.example/cc/"] {
            #expect(UplinkSettings.mediaHostProblem(good) == nil, "\(good)")
        }
        for bad in ["ftp://media.example", "media.example", "https://", "https://m.example/?x=1",
                    "https://m.example/#top", "https://user@m.example"] {
            #expect(UplinkSettings.mediaHostProblem(bad)?.contains("is not a media host") == true, "\(bad)")
        }
    }
}
