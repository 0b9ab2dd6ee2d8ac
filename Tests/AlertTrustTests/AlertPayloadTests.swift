import AlertTrust
import ControlProtocol
import Foundation
import Testing

/// The payload's own rules, independent of signatures.
@Suite("AlertPayload")
struct AlertPayloadTests {
    private let sent = Date(timeIntervalSince1970: 1_795_420_800)

    private func payload() -> AlertPayload {
        AlertPayload(
            issuer: "so-tt-an-giang", id: "bao-so-9", sent: sent, expires: sent.addingTimeInterval(21_600),
            audience: AlertAudience(sites: ["xa-an-phu"], tags: ["ven-song"]), status: .exercise, level: .emergency,
            repeatCount: 3, intervalSeconds: 600,
            content: AlertContent(tone: true, media: String(repeating: "0f", count: 32))
        )
    }

    /// The refusal for the payload text with `old` replaced by `new`.
    private func refusal(_ old: String, _ new: String) throws -> EnvelopeFormatError? {
        let text = String(decoding: payload().jsonBytes, as: UTF8.self)
        #expect(text.contains(old), "fixture text lacks \(old)")
        do {
            _ = try AlertPayload(parsing: Array(text.replacingOccurrences(of: old, with: new).utf8))
            return nil
        } catch {
            return error
        }
    }

    @Test("the payload is written compactly with sorted keys and read back unchanged")
    func roundTrip() throws {
        let bytes = payload().jsonBytes
        #expect(String(decoding: bytes, as: UTF8.self) == """
            {"audience":{"areas":[],"sites":["xa-an-phu"],"tags":["ven-song"]},"content":{"media":"\
            \(String(repeating: "0f", count: 32))","tone":true},"expires":"2026-11-23T14:00:00Z",\
            "id":"bao-so-9","interval_s":600,"issuer":"so-tt-an-giang","level":"emergency","msg_type":"alert",\
            "references":[],"repeat":3,"sent":"2026-11-23T08:00:00Z","status":"exercise","version":1}
            """)
        #expect(try AlertPayload(parsing: bytes) == payload())
    }

    @Test("values out of range or of the wrong kind are refused with the key named")
    func invalidValues() throws {
        let cases: [(String, String, String)] = [
            ("\"version\":1", "\"version\":2", "version"),
            ("\"repeat\":3", "\"repeat\":0", "repeat"),
            ("\"repeat\":3", "\"repeat\":3.0", "repeat"),
            ("\"interval_s\":600", "\"interval_s\":-1", "interval_s"),
            ("\"level\":\"emergency\"", "\"level\":\"normal\"", "level"),
            ("\"status\":\"exercise\"", "\"status\":\"draft\"", "status"),
            ("\"msg_type\":\"alert\"", "\"msg_type\":\"ack\"", "msg_type"),
            ("\"expires\":\"2026-11-23T14:00:00Z\"", "\"expires\":\"2026-11-22T14:00:00Z\"", "expires"),
            ("\"sent\":\"2026-11-23T08:00:00Z\"", "\"sent\":\"yesterday\"", "sent"),
            ("\"id\":\"bao-so-9\"", "\"id\":\"\"", "id"),
            ("\"references\":[]", "\"references\":[\"bao-so-8\"]", "references"),
            ("\"tone\":true", "\"tone\":\"yes\"", "tone"),
            ("\(String(repeating: "0f", count: 32))", "\(String(repeating: "0F", count: 32))", "media"),
            ("\"sites\":[\"xa-an-phu\"],\"tags\":[\"ven-song\"]", "\"sites\":[],\"tags\":[]", "audience"),
            ("\"tone\":true", "\"text\":\"Báo động\",\"tone\":true", "text"),
        ]
        for (old, new, key) in cases {
            switch try refusal(old, new) {
            case .invalidValue(_, let named, _)?, .wrongKind(_, let named, _)?:
                #expect(named == key, "\(new)")
            case let other:
                Issue.record("\(new): expected a refusal naming \(key), got \(String(describing: other))")
            }
        }
        #expect(try refusal("\"issuer\":\"so-tt-an-giang\",", "") == .missingKey(context: "the payload", key: "issuer"))
    }

    @Test("updates and cancels must reference something; a cancel may air nothing, an alert may not")
    func messageTypes() throws {
        let text = String(decoding: payload().jsonBytes, as: UTF8.self)
        let cancel = text.replacingOccurrences(of: "\"msg_type\":\"alert\"", with: "\"msg_type\":\"cancel\"")
        #expect(throws: EnvelopeFormatError.self) { try AlertPayload(parsing: Array(cancel.utf8)) }
        let silentCancel = cancel.replacingOccurrences(of: "\"references\":[]", with: "\"references\":[\"bao-so-8\"]")
            .replacingOccurrences(of: "{\"media\":\"\(String(repeating: "0f", count: 32))\",\"tone\":true}",
                                  with: "{\"tone\":false}")
        let parsed = try AlertPayload(parsing: Array(silentCancel.utf8))
        #expect(parsed.messageType == .cancel && parsed.references == ["bao-so-8"] && !parsed.content.airsAnything)
        let silentAlert = text.replacingOccurrences(
            of: "{\"media\":\"\(String(repeating: "0f", count: 32))\",\"tone\":true}", with: "{\"tone\":false}"
        )
        #expect(throws: EnvelopeFormatError.self) { try AlertPayload(parsing: Array(silentAlert.utf8)) }
        let selfReference = silentCancel.replacingOccurrences(of: "[\"bao-so-8\"]", with: "[\"bao-so-9\"]")
        #expect(throws: EnvelopeFormatError.self) { try AlertPayload(parsing: Array(selfReference.utf8)) }
    }

    @Test("the short fingerprint is 16 hex digits of the payload's SHA-256 and is matched leniently in form only")
    func fingerprint() {
        let fingerprint = PayloadFingerprint(payloadBytes: payload().jsonBytes)
        #expect(fingerprint.short.count == 19)
        #expect(fingerprint.hex.uppercased().hasPrefix(fingerprint.short.replacingOccurrences(of: "-", with: "")))
        #expect(fingerprint.matches(fingerprint.short))
        #expect(fingerprint.matches(fingerprint.short.lowercased().replacingOccurrences(of: "-", with: " ")))
        #expect(fingerprint.matches(fingerprint.hex))
        #expect(!fingerprint.matches(String(fingerprint.short.dropLast()) + "X"))
        #expect(!fingerprint.matches(String(fingerprint.short.dropLast())))
        var changed = payload()
        changed.repeatCount = 4
        #expect(PayloadFingerprint(payloadBytes: changed.jsonBytes) != fingerprint)
    }
}
