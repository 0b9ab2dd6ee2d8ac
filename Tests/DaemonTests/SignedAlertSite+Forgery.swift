import AlertTrust
import CommuneCastTesting
import Crypto
import Foundation
import Testing

/// Envelopes written by hand, text and all, as a sender outside `AlertSigner`'s checks could write them: any `alg`,
/// any certificates in `x5c`, any payload bytes; and the check every refused attack must pass.
extension SignedAlertSite {
    /// One hand-made signature: the protected header's JSON text and, to sign the signing input with, the P-256 key
    /// file of a test PKI name; without a key, `signature` goes in as it is.
    struct ForgedSignature {
        /// The protected header's JSON text, base64url-encoded as it is.
        var header: String
        /// The test PKI name whose `.key` signs, if any.
        var key: String?
        /// The signature bytes to send when there is no key.
        var signature: [UInt8] = []
    }

    /// The standard base64 of certificate `name`.pem's DER, as `x5c` holds it: the PEM body on one line.
    func x5c(_ name: String) throws -> String {
        try String(contentsOfFile: pki.file("\(name).pem"), encoding: .utf8).split(separator: "\n")
            .filter { !$0.hasPrefix("-----") }.joined()
    }

    /// A protected header's JSON text: `alg` as given, `x5c` from the certificate names of `chain`.
    func header(alg: String, chain: [String], part: SignerPart, at: Date = Date()) throws -> String {
        let certificates = try chain.map { "\"\(try x5c($0))\"" }.joined(separator: ",")
        return #"{"alg":"\#(alg)","iat":\#(Int(at.timeIntervalSince1970)),"part":"\#(part.rawValue)","x5c":["#
            + certificates + "]}"
    }

    /// A valid ES256 signature of `name` (its certificate chained to the provincial CA), written by hand.
    func honest(_ name: String, _ part: SignerPart) throws -> ForgedSignature {
        ForgedSignature(header: try header(alg: "ES256", chain: [name, "province-ca"], part: part), key: name)
    }

    /// The envelope's JSON text around `payload` (its exact bytes) with `signatures`, assembled by hand.
    func forged(_ payload: [UInt8], _ signatures: [ForgedSignature]) throws -> String {
        let encodedPayload = Base64URL.encode(payload)
        let entries = try signatures.map { forged in
            let encodedHeader = Base64URL.encode(Array(forged.header.utf8))
            var signature = forged.signature
            if let key = forged.key {
                let privateKey = try P256.Signing.PrivateKey(
                    pemRepresentation: String(contentsOfFile: pki.file("\(key).key"), encoding: .utf8)
                )
                signature = Array(try privateKey.signature(for: Array("\(encodedHeader).\(encodedPayload)".utf8))
                    .rawRepresentation)
            }
            return #"{"protected":""# + encodedHeader + #"","signature":""# + Base64URL.encode(signature) + #""}"#
        }
        return #"{"payload":""# + encodedPayload + #"","signatures":["# + entries.joined(separator: ",") + "]}"
    }

    /// The daemon's log lines of refused signed alerts.
    func refusalLines() -> [Substring] {
        daemon.log.split(separator: "\n").filter { $0.hasSuffix("] signed alert refused") }
    }

    /// Pushes `envelope` raw and checks that the site refuses it with `code`, leaves the store as it was and logs
    /// exactly one refusal, with that code. `name` names the attack in failures. Returns the reply.
    @discardableResult
    func expectRefused(_ envelope: String, code: String, _ name: String) throws -> [String: Any] {
        let before = try storeRows()
        let logged = refusalLines().count
        let reply = try pushRaw(envelope)
        #expect(Self.refusalCode(reply) == code, "\(name): \(reply)")
        #expect(try storeRows() == before, "\(name) changed the store")
        #expect(daemon.wait(timeout: 30) { refusalLines().count > logged }, "\(name) was not logged")
        let lines = refusalLines().dropFirst(logged)
        #expect(lines.count == 1 && lines.first?.contains("code=\(code)") == true, "\(name): \(Array(lines))")
        return reply
    }

    /// The reason of a raw push's refusal, or "" when it was not refused.
    static func refusalReason(_ reply: [String: Any]) -> String {
        (reply["parameters"] as? [String: Any])?["reason"] as? String ?? ""
    }

    /// Checks that nothing aired and no alert was stored.
    func expectNothingAired() throws {
        let asRun = try daemon.asRun()
        #expect(asRun.isEmpty, "\(asRun)")
        #expect(try daemon.databaseRows("SELECT count(*) FROM alert") == ["0"])
        #expect(try daemon.databaseRows("SELECT count(*) FROM alertReplay") == ["0"])
    }
}
