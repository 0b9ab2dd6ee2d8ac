@testable import CAPIntake
import CommuneCastTesting
import Foundation
import Testing

/// Signed copies made to attack the verifier (issue 17): each is one xmlsec1's plain command line accepts, and each
/// must be refused with a message that names the element at fault.
@Suite("CAP intake: attacks on XML signatures")
struct CAPSignatureAttackTests {
    private func refusal(_ text: String, _ policy: CAPPolicy, now: Date = Date()) -> CAPRefusal? {
        do throws(CAPRefusal) {
            _ = try CAPMessage(bytes: Array(text.utf8), policy: policy, now: now)
            return nil
        } catch {
            return error
        }
    }

    @Test("a message signed by the sender's pinned certificate verifies; unsigned, it is refused")
    func genuine() throws {
        let own = try OwnMessages()
        let policy = try own.policy()
        let sent = Date()
        let text = OwnMessages.message(sent: sent, body: OwnMessages.info(sent: sent))
        let message = try CAPMessage(bytes: Array(try own.sign(text).utf8), policy: policy, now: sent)
        #expect(message.signatures.count == 1 && message.signatures[0].verifiedBy?.kind == .certificate)
        let unsigned = refusal(text, policy)
        #expect(unsigned?.description.contains("is not signed; the policy requires a signature") == true)
    }

    @Test("a copy re-signed with an attacker's key in KeyValue is refused: keys come from the policy only")
    func attackerKeyValue() throws {
        let own = try OwnMessages()
        let sent = Date()
        let text = OwnMessages.message(sent: sent, body: OwnMessages.info(sent: sent))
        let forged = try own.sign(text, keyInfo: "<KeyValue/>", attacker: true)
        #expect(forged.contains("<RSAKeyValue>"), "the attacker's key travels in the message")
        #expect(try own.xmlsecAccepts(forged), "a verifier that takes the key from KeyValue is fooled")
        let refused = refusal(forged, try own.policy())
        #expect(refused?.findings.first?.element == "alert/Signature[1]")
        #expect(refused?.description.contains("the message's own KeyInfo is never used") == true, "\(refused!)")
    }

    @Test("a copy signed with an XPath transform that leaves status out, then changed from Test to Actual")
    func xpathTransform() throws {
        let own = try OwnMessages()
        let sent = Date()
        let signed = try own.sign(OwnMessages.message(sent: sent, status: "Test", body: OwnMessages.info(sent: sent)),
                                  transforms: OwnMessages.enveloped + OwnMessages.xpathWithoutStatus)
        let actual = signed.replacingOccurrences(of: "<status>Test</status>", with: "<status>Actual</status>")
        #expect(actual != signed)
        #expect(try own.xmlsecAccepts(actual, certificate: own.certificate), "the naive verifier accepts it")
        let refused = refusal(actual, try own.policy())
        #expect(refused?.findings.first?.element == "alert/Signature[1]/SignedInfo/Reference/Transforms/Transform")
        #expect(refused?.description.contains("REC-xpath") == true)
    }

    @Test("a comment inserted in a signed identifier is refused (signatures do not cover comments)")
    func commentInIdentifier() throws {
        let own = try OwnMessages()
        let sent = Date()
        let signed = try own.sign(OwnMessages.message(identifier: "kttv-12", sent: sent,
                                                      body: OwnMessages.info(sent: sent)))
        let commented = signed.replacingOccurrences(of: "<identifier>kttv-12", with: "<identifier>kttv-<!---->12")
        #expect(try own.xmlsecAccepts(commented, certificate: own.certificate), "still valid to xmlsec1")
        let refused = refusal(commented, try own.policy())
        #expect(refused?.findings.first?.element == "alert/identifier")
        #expect(refused?.description.contains("holds a comment") == true)
    }

    @Test("content changed after signing is refused: the digest does not match")
    func changedContent() throws {
        let own = try OwnMessages()
        let sent = Date()
        let signed = try own.sign(OwnMessages.message(sent: sent, status: "Test", body: OwnMessages.info(sent: sent)))
        let changed = signed.replacingOccurrences(of: "<status>Test</status>", with: "<status>Actual</status>")
        let refused = refusal(changed, try own.policy())
        #expect(refused?.findings.first?.element == "alert/Signature[1]")
        #expect(refused?.description.contains("was changed after it was signed") == true, "\(refused!)")
    }

    @Test("a reference to anything but the whole document, or a signature not directly under alert, is refused")
    func referenceAndPlacement() throws {
        let own = try OwnMessages()
        let sent = Date()
        let signed = try own.sign(OwnMessages.message(sent: sent, body: OwnMessages.info(sent: sent)))
        let policy = try own.policy()
        let fragment = signed.replacingOccurrences(of: "<Reference URI=\"\">", with: "<Reference URI=\"#x\">")
        #expect(refusal(fragment, policy)?.findings.first?.element == "alert/Signature[1]/SignedInfo/Reference")
        guard let start = signed.range(of: "<Signature "), let end = signed.range(of: "</Signature>") else {
            Issue.record("no signature in \(signed)")
            return
        }
        let signature = String(signed[start.lowerBound..<end.upperBound])
        let moved = signed.replacingOccurrences(of: signature, with: "")
            .replacingOccurrences(of: "</info>", with: signature + "</info>")
        let refused = refusal(moved, policy)
        #expect(refused?.findings.first?.element == "alert/info[1]/Signature", "\(refused!)")
        #expect(refused?.description.contains("a signature must be a direct child of alert") == true)
    }
}
