import AlertTrust
import ControlProtocol
import Foundation

// Times the site's verification of one two-signature envelope (two P-256 signers, each chained to the provincial
// CA), the way a site checks an alert before anything else. Writes the envelope to OUT so a peer can verify the same
// bytes, then prints one line: count, wall seconds, and wall and CPU (user + system, all threads) microseconds per
// envelope. On a shared machine the CPU figure is the steadier one.
//
//   alert-trust-bench PKI-DIRECTORY OUT-ENVELOPE [COUNT]
//
// PKI-DIRECTORY is made by scripts/make-test-pki.sh.

let arguments = CommandLine.arguments
guard arguments.count >= 3 else {
    FileHandle.standardError.write(Data("usage: alert-trust-bench PKI-DIRECTORY OUT-ENVELOPE [COUNT]\n".utf8))
    exit(2)
}
let directory = arguments[1]
let count = arguments.count > 3 ? Int(arguments[3]) ?? 2_000 : 2_000
let now = Date()
let trust = try ProvincialTrust(path: "\(directory)/province-ca.pem")

func signer(_ name: String) async throws -> AlertSigner {
    try await AlertSigner(certificatePath: "\(directory)/\(name).pem", keyPath: "\(directory)/\(name).key",
                          issuerPath: "\(directory)/province-ca.pem", now: now)
}

let payload = AlertPayload(
    issuer: "so-tt-an-giang", id: "bench-bao-so-9", sent: now, expires: now.addingTimeInterval(21_600),
    audience: AlertAudience(sites: ["xa-an-phu"], tags: ["ven-song"]), repeatCount: 3, intervalSeconds: 600,
    content: AlertContent(tone: true, media: String(repeating: "3f", count: 32))
)
var envelope = AlertEnvelope(payload: payload)
try (try await signer("so-tt-an-giang")).sign(&envelope, part: .draft, at: now)
try (try await signer("pho-giam-doc")).sign(&envelope, part: .approve, at: now)
let bytes = envelope.serialized()
try Data(bytes).write(to: URL(fileURLWithPath: arguments[2]))

let verifier = AlertVerifier(trust: trust, site: SiteIdentity(name: "xa-an-phu"))
let roles: [String: Role] = ["so-tt-an-giang": .provincial, "pho-giam-doc": .provincial]
func verifyOnce() async throws {
    _ = try await verifier.verify(bytes, now: now, standing: { identity in
        identity.commonName.flatMap { roles[$0] }.map(SignerStanding.role) ?? .unlisted
    }, referencedRole: { _ in nil })
}
/// The CPU time this process has used so far, in seconds.
func processCPUSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

for _ in 0..<50 { try await verifyOnce() }
let start = ContinuousClock.now
let startCPU = processCPUSeconds()
for _ in 0..<count { try await verifyOnce() }
let cpu = processCPUSeconds() - startCPU
let elapsed = ContinuousClock.now - start
let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
print(String(format: "count=%d seconds=%.4f per_envelope_us=%.1f cpu_us=%.1f bytes=%d", count, seconds,
             seconds / Double(count) * 1e6, cpu / Double(count) * 1e6, bytes.count))
