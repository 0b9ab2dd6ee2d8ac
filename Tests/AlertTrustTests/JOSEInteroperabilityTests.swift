import AlertTrust
import CommuneCastTesting
import Foundation
import Testing

/// An independent JWS implementation (python joserfc) verifies our envelopes: ES256 and EdDSA signatures over the
/// JWS JSON General Serialization, each checked with the key of the certificate in its own `x5c`.
@Suite("JOSE interoperability")
struct JOSEInteroperabilityTests {
    /// Verifies the envelope in argv[1] with joserfc and prints the algorithms and the payload it verified.
    /// joserfc checks header names against a registry, so our two private names (`part`, `iat`) are registered;
    /// its default 512-byte header limit is raised because `x5c` carries two certificates.
    private static let script = """
        import base64, json, sys
        from cryptography import x509
        from cryptography.hazmat.primitives.asymmetric import ec
        from joserfc import jws
        from joserfc.jwk import ECKey, OKPKey
        from joserfc.jws import JWSRegistry
        from joserfc.registry import HeaderParameter

        def key_for(member):
            der = base64.b64decode(member.headers()["x5c"][0])
            public = x509.load_der_x509_certificate(der).public_key()
            if isinstance(public, ec.EllipticCurvePublicKey):
                return ECKey.import_key(public)
            return OKPKey.import_key(public)

        registry = JWSRegistry(
            header_registry={"part": HeaderParameter("signer's part", "str", True),
                             "iat": HeaderParameter("signed at", "int", True)},
            algorithms=["ES256", "EdDSA"])
        registry.max_header_length = 8192
        with open(sys.argv[1]) as file:
            envelope = json.load(file)
        try:
            verified = jws.deserialize_json(envelope, key_for, registry=registry)
        except Exception as error:
            print("refused:", type(error).__name__)
            sys.exit(3)
        print(json.dumps({"algs": [m.protected["alg"] for m in verified.members],
                          "parts": [m.protected["part"] for m in verified.members],
                          "id": json.loads(verified.payload)["id"]}))
        """

    private func joserfc(_ bytes: [UInt8]) throws -> ProcessRunner.Output {
        let directory = try TemporaryDirectory(prefix: "alert-jose")
        defer { directory.remove() }
        let path = directory.file("envelope.json")
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return try ProcessRunner.run("python3", ["-W", "ignore", "-c", Self.script, path])
    }

    @Test("joserfc verifies our ES256 and EdDSA signatures, and refuses the envelope once a payload bit flips")
    func joserfcVerifies() async throws {
        let f = try TrustFixtures()
        let payload = f.payload(id: "jose-interop")
        let bytes = try f.envelope(payload, [(try await f.signer("so-tt-an-giang"), .draft),
                                             (try await f.signer("ed25519-staff"), .approve)])
        let output = try joserfc(bytes)
        #expect(output.status == 0, "\(output.standardOutput)\(output.standardError)")
        #expect(output.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
                == #"{"algs": ["ES256", "EdDSA"], "parts": ["draft", "approve"], "id": "jose-interop"}"#)

        let tampered = try TrustFixtures.edit(bytes) { members in
            members["payload"] = .string(TrustFixtures.flipBit(members["payload"]?.stringValue ?? "", at: 30))
        }
        let refused = try joserfc(tampered)
        #expect(refused.status == 3, "\(refused.standardOutput)\(refused.standardError)")
        #expect(refused.standardOutput.contains("BadSignatureError"))
    }
}
