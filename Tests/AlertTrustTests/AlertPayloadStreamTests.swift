import AlertTrust
import ControlProtocol
import Foundation
import Testing

/// A payload naming a stream (issue 18: a live emergency broadcast): written and read back, and every malformed
/// stream refused with its key named.
@Suite("AlertPayload: streams")
struct AlertPayloadStreamTests {
    private let sent = Date(timeIntervalSince1970: 1_795_420_800)

    private func payload(_ content: AlertContent) -> AlertPayload {
        AlertPayload(
            issuer: "so-tt-an-giang", id: "khan-cap", sent: sent, expires: sent.addingTimeInterval(3_600),
            audience: AlertAudience(areas: ["30316"]), level: .emergency, content: content
        )
    }

    private func parse(_ text: String) throws -> AlertPayload {
        try AlertPayload(parsing: Array(text.utf8))
    }

    @Test("a stream and its duration round-trip; half a stream, bad URLs and a stream beside media are refused")
    func streamContent() throws {
        let live = payload(AlertContent(tone: true, stream: ["http://tinh.example:8000/khan.opus",
                                                             "https://b.example/khan.opus"], durationSeconds: 900))
        let text = String(decoding: live.jsonBytes, as: UTF8.self)
        #expect(text.contains(#""content":{"duration_s":900,"stream":["http://tinh.example:8000/khan.opus","#
                              + #""https://b.example/khan.opus"],"tone":true}"#), "\(text)")
        #expect(try parse(text) == live)

        let cases: [(String, String, String)] = [
            (#""duration_s":900,"#, "", "duration_s"),
            (#""duration_s":900"#, #""duration_s":0"#, "duration_s"),
            (#""duration_s":900"#, #""duration_s":86401"#, "duration_s"),
            ("http://tinh.example:8000/khan.opus", "ftp://tinh.example/khan.opus", "stream"),
            (#""tone":true"#, #""tone":true,"media":"\#(String(repeating: "0f", count: 32))""#, "stream"),
        ]
        for (old, new, key) in cases {
            #expect(text.contains(old), "fixture text lacks \(old)")
            do {
                _ = try parse(text.replacingOccurrences(of: old, with: new))
                Issue.record("\(new) was accepted")
            } catch {
                #expect("\(error)".contains(key), "\(error)")
            }
        }
    }
}
