@testable import CAPIntake
import CommuneCastTesting
import Foundation
import Testing

/// Hostile and malformed XML (issue 17): every DTD trick is refused by the byte check before any parser runs, and
/// libxml2's options alone would not fetch or expand anything either; nothing connects to a loopback listener the
/// documents point at, and no file's content appears.
@Suite("CAP intake: hostile and malformed XML")
struct CAPXMLSafetyTests {
    private static let policy: CAPPolicy = {
        var policy = CAPPolicy()
        policy.otherSenders = CAPPolicy.Sender(signatureRequired: false)
        return policy
    }()

    /// A valid message with `body` after `scope`.
    private func message(_ body: String = "", status: String = "Actual", type: String = "Alert",
                         sent: String = "2026-11-23T08:00:00+07:00", identifier: String = "kttv-1") -> String {
        """
        <alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>\(identifier)</identifier>\
        <sender>kttv@angiang.example</sender><sent>\(sent)</sent><status>\(status)</status>\
        <msgType>\(type)</msgType><scope>Public</scope>\(body)</alert>
        """
    }

    private func refusal(_ text: String) -> CAPRefusal? {
        do throws(CAPRefusal) {
            _ = try CAPMessage(bytes: Array(text.utf8), policy: Self.policy, now: Date())
            return nil
        } catch {
            return error
        }
    }

    /// Every DTD-based attack, aimed at `port` and at /etc/passwd.
    private static func dtdAttacks(port: Int) -> [String: String] {
        let root = "<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\"><identifier>&x;</identifier></alert>"
        let laughs = (1...9).map { "<!ENTITY l\($0) \"" + String(repeating: "&l\($0 - 1);", count: 10) + "\">" }
        let big = String(repeating: "A", count: 50_000)
        return [
            "external DTD": "<!DOCTYPE alert SYSTEM \"http://127.0.0.1:\(port)/cap.dtd\">" + root,
            "parameter entity": "<!DOCTYPE alert [<!ENTITY % p SYSTEM \"http://127.0.0.1:\(port)/p.ent\"> %p;]>" + root,
            "file entity": "<!DOCTYPE alert [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>" + root,
            "http entity": "<!DOCTYPE alert [<!ENTITY x SYSTEM \"http://127.0.0.1:\(port)/x\">]>" + root,
            "internal entity": "<!DOCTYPE alert [<!ENTITY x \"kttv-1\">]>" + root,
            "billion laughs": "<!DOCTYPE alert [<!ENTITY l0 \"ha\">" + laughs.joined()
                + "<!ENTITY x \"&l9;\">]>" + root,
            "quadratic blow-up": "<!DOCTYPE alert [<!ENTITY a \"\(big)\">]><alert xmlns=\"urn:oasis:names:tc:"
                + "emergency:cap:1.2\"><identifier>" + String(repeating: "&a;", count: 50_000)
                + "</identifier></alert>",
        ]
    }

    @Test("DTD attacks are refused by the byte check, naming the declaration; nothing connects")
    func dtdAttacksRefusedBeforeParsing() throws {
        let listener = try LoopbackListener()
        for (name, text) in Self.dtdAttacks(port: listener.port) {
            let refused = refusal(text)
            #expect(refused?.findings.first?.element == "document", "\(name)")
            #expect(refused?.description.contains("DOCTYPE declaration") == true, "\(name): \(refused!)")
        }
        #expect(listener.connectionCount() == 0)
    }

    @Test("with the byte check skipped, libxml2's options alone fetch and expand nothing")
    func parserOptionsHoldAlone() throws {
        let listener = try LoopbackListener()
        let clock = ContinuousClock()
        for (name, text) in Self.dtdAttacks(port: listener.port) {
            let started = clock.now
            let document = try? SafeXMLDocument(parsing: Array(text.utf8))
            let identifier = document?.root?.children.first?.text ?? ""
            #expect(!identifier.contains("root:"), "\(name): /etc/passwd must not be read")
            #expect(identifier.count < 1_000, "\(name): entities must not be expanded")
            #expect(clock.now - started < .seconds(10), "\(name) must not blow up")
        }
        let xinclude = message("<xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\" "
                               + "href=\"http://127.0.0.1:\(listener.port)/x\" parse=\"text\"/>"
                               + "<xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\" href=\"file:///etc/passwd\" "
                               + "parse=\"text\"/>")
        let document = try SafeXMLDocument(parsing: Array(xinclude.utf8))
        #expect(document.root?.descendants.map(\.name).filter { $0 == "include" }.count == 2, "not substituted")
        #expect(listener.connectionCount() == 0)
    }

    @Test("XInclude is refused as an element CAP does not have, and includes nothing")
    func xinclude() throws {
        let listener = try LoopbackListener()
        let refused = refusal(message("<xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\" "
                                      + "href=\"http://127.0.0.1:\(listener.port)/x\" parse=\"text\"/>"))
        #expect(refused?.findings.first?.element == "alert/include")
        #expect(refused?.description.contains("XInclude") == true)
        #expect(listener.connectionCount() == 0)
    }

    @Test("malformed documents are refused with the element or place named", arguments: [
        ("second root", "%M<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\"/>", "Extra content"),
        ("trailing garbage", "%Mgarbage", "Extra content"),
        ("truncation", "%T", "not well-formed"),
        ("comment after the root", "%M<!-- x -->", "a comment after the root element 'alert'"),
        ("UTF-16", "%U", "UTF-16"),
        ("another encoding", "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>%M", "encoding 'ISO-8859-1'"),
    ])
    func malformed(_ name: String, _ shape: String, _ expected: String) throws {
        let whole = message()
        let text = shape.replacingOccurrences(of: "%M", with: whole)
            .replacingOccurrences(of: "%T", with: String(whole.prefix(whole.count - 20)))
        let bytes = shape == "%U" ? [0xFF, 0xFE] + Array(whole.utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
            : Array(text.utf8)
        let refused: CAPRefusal?
        do throws(CAPRefusal) {
            _ = try CAPMessage(bytes: bytes, policy: Self.policy, now: Date())
            refused = nil
        } catch {
            refused = error
        }
        #expect(refused?.description.contains(expected) == true, "\(name): \(String(describing: refused))")
    }

    @Test("CAP rules are enforced with the element named", arguments: [
        ("duplicate status", "<status>Actual</status>", "alert/status", "appears 2 times"),
        ("lower-case enumeration", "", "alert/status", "'actual' is not a CAP 1.2 status"),
        ("Z time", "", "alert/sent", "ends in 'Z'"),
        ("CAP 1.1", "", "alert", "CAP 1.1 namespace"),
        ("unknown element", "<colour>red</colour>", "alert/colour", "not a CAP 1.2 element"),
        ("out of order", "<source>x</source>", "alert/source", "out of order"),
        ("attribute", "", "alert/identifier", "attribute"),
    ])
    func capRules(_ name: String, _ body: String, _ element: String, _ expected: String) throws {
        var text = message(name == "duplicate status" ? "" : body)
        switch name {
        case "duplicate status": text = text.replacingOccurrences(of: "<scope>", with: body + "<scope>")
        case "lower-case enumeration": text = text.replacingOccurrences(of: ">Actual<", with: ">actual<")
        case "Z time": text = text.replacingOccurrences(of: "+07:00", with: "Z").replacingOccurrences(of: "08:00:00Z",
                                                                                                   with: "01:00:00Z")
        case "CAP 1.1": text = text.replacingOccurrences(of: "cap:1.2", with: "cap:1.1")
        case "attribute": text = text.replacingOccurrences(of: "<identifier>", with: "<identifier lang=\"vi\">")
        default: break
        }
        let refused = refusal(text)
        #expect(refused?.findings.contains { $0.element == element && $0.message.contains(expected) } == true,
                "\(name): \(String(describing: refused))")
    }

    @Test("references: empty, self, post-dated and malformed are refused on an Update; empty on an Alert warns")
    func references() throws {
        let sent = "2026-11-23T08:00:00+07:00"
        let cases: [(String, String)] = [
            ("<references></references>", "is empty"),
            ("<references>kttv@angiang.example,kttv-1,2026-11-23T07:00:00+07:00</references>", "names this message"),
            ("<references>kttv@angiang.example,kttv-0,2026-11-23T09:00:00+07:00</references>", "was sent after"),
            ("<references>kttv@angiang.example,kttv-0</references>", "is not sender,identifier,sent"),
        ]
        for (body, expected) in cases {
            let refused = refusal(message(body, type: "Update", sent: sent))
            #expect(refused?.findings.first?.element == "alert/references", "\(body)")
            #expect(refused?.description.contains(expected) == true, "\(body): \(String(describing: refused))")
        }
        let missing = refusal(message(type: "Cancel"))
        #expect(missing?.findings.first?.element == "alert/references")
        let accepted = try CAPMessage(bytes: Array(message("<references/>").utf8), policy: Self.policy, now: Date())
        #expect(accepted.warnings.contains { $0.element == "alert/references" && $0.message.contains("empty") })
    }

    @Test("an unclosed polygon, a bad circle and a size over the limit are refused")
    func areasAndSize() throws {
        let info = """
            <info><category>Met</category><event>Lũ</event><urgency>Immediate</urgency><severity>Extreme</severity>\
            <certainty>Observed</certainty><area><areaDesc>An Phú</areaDesc>\
            <polygon>10.75,105.00 10.90,105.00 10.90,105.20 10.75,105.20</polygon>\
            <circle>10.8,105.1</circle></area></info>
            """
        let refused = refusal(message(info))
        #expect(refused?.findings.contains { $0.element == "alert/info[1]/area[1]/polygon[1]"
                                             && $0.message.contains("is not closed") } == true, "\(refused!)")
        #expect(refused?.findings.contains { $0.element == "alert/info[1]/area[1]/circle[1]" } == true)
        var small = Self.policy
        small.maximumBytes = 100
        #expect {
            try CAPMessage(bytes: Array(message().utf8), policy: small, now: Date())
        } throws: { ($0 as? CAPRefusal)?.description.contains("limit (max_bytes) is 100") == true }
    }
}
