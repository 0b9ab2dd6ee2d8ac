import AlertTrust
import CommuneCastTesting
import ControlProtocol
import Foundation

/// A TLS site on issue 14's defaults (unsigned alerts over TLS refused), whose ACL also lists a second provincial
/// person and `ban-chi-huy` (the name the test PKI certifies so-tt-an-giang's key under again), holding one
/// announcement; and envelopes signed with the test PKI through the AlertTrust API, for the
/// attacks the CLI would refuse to send. Signed pushes the CLI must not check go over the Unix socket as raw varlink.
final class SignedAlertSite {
    let site: TLSSite
    let pki: TestPKI
    /// The stored announcement's SHA-256.
    let media: String
    /// The issuer the CLI writes into drafts: the provincial CA's organisation.
    static let issuer = "So TT-TT An Giang"

    init() throws {
        pki = try TestPKI.shared()
        let acl = try TLSSite.defaultACL(pki).replacingOccurrences(
            of: "clients:\n",
            with: "clients:\n  - {cn: pho-giam-doc, role: provincial}\n  - {cn: ban-chi-huy, role: provincial}\n"
        )
        site = try TLSSite(extraConfiguration: "alerts:\n  tags: [ven-song]", acceptUnsignedAlerts: false, acl: acl)
        media = try Self.upload(to: site.daemon, name: "bao", frequency: 600)
    }

    /// Stores 0.3 s of a `frequency` Hz tone on the site as `name` and returns its SHA-256.
    static func upload(to daemon: DaemonHarness, name: String, frequency: Double) throws -> String {
        let wav = daemon.directory.file("\(name).wav")
        try WAVWriter.write(Signals.sine(frequency: frequency, seconds: 0.3, sampleRate: 16_000), to: wav,
                            sampleRate: 16_000)
        let upload = try daemon.json(["media", "upload", wav, "--name", name]) as? [String: Any]
        guard let sha = (upload?["media"] as? [String: Any])?["sha256"] as? String ?? upload?["sha256"] as? String
        else { throw HarnessError("upload gave no sha256: \(String(describing: upload))") }
        return sha
    }

    var daemon: DaemonHarness { site.daemon }

    /// `--cert`, `--key` and `--ca` of client `name`, for `alert draft` and `alert approve`.
    func signing(_ name: String) -> [String] {
        ["--cert", pki.file("\(name).pem"), "--key", pki.file("\(name).key"), "--ca", pki.file("province-ca.pem")]
    }

    /// A signer from the test PKI; `issuer` is the CA file that issued it.
    func signer(_ name: String, issuer: String = "province-ca.pem") async throws -> AlertSigner {
        try await AlertSigner(certificatePath: pki.file("\(name).pem"), keyPath: pki.file("\(name).key"),
                              issuerPath: pki.file(issuer), now: Date())
    }

    /// A payload for this site (by name) carrying the stored announcement.
    func payload(
        id: String, level: Site.AlertLevel = .emergency, type: AlertMessageType = .alert, references: [String] = [],
        sites: [String] = ["test-site"], repeatCount: Int = 1, sent: Date = Date()
    ) -> AlertPayload {
        AlertPayload(
            issuer: Self.issuer, id: id, sent: sent, expires: sent.addingTimeInterval(3_600),
            audience: AlertAudience(sites: sites), messageType: type, references: references, level: level,
            repeatCount: repeatCount, content: AlertContent(tone: false, media: type == .cancel ? nil : media)
        )
    }

    /// `payload` signed by each of `signers` in turn at `at`, serialised.
    func envelope(_ payload: AlertPayload, _ signers: [(AlertSigner, SignerPart)], at: Date = Date()) throws -> String {
        var envelope = AlertEnvelope(payload: payload)
        for (signer, part) in signers { try signer.sign(&envelope, part: part, at: at) }
        return String(decoding: envelope.serialized(), as: UTF8.self)
    }

    /// Sends `envelope` with PushSignedAlert over the Unix socket, bypassing the CLI's own checks; returns the
    /// reply object (`parameters`, or `error` and `parameters`).
    func pushRaw(_ envelope: String) throws -> [String: Any] {
        // The method first, as the CLI writes it: the server finds a method's frame limit (256 KiB here) from the
        // start of the message, so a dictionary's arbitrary key order could close an oversized call unanswered.
        let quoted = String(decoding: try JSONSerialization.data(withJSONObject: [envelope]), as: UTF8.self)
        let text = #"{"method":""# + Site.PushSignedAlert.name + #"","parameters":{"envelope":"#
            + quoted.dropFirst().dropLast() + "}}"
        let socket = try RawUnixSocket(path: daemon.socket)
        guard socket.sendMessage(text), let reply = socket.receiveMessage(),
              let object = try JSONSerialization.jsonObject(with: Data(reply.utf8)) as? [String: Any] else {
            throw HarnessError("no reply to PushSignedAlert:\n\(daemon.log)")
        }
        return object
    }

    /// The refusal code of a raw push's reply, or nil when it was not refused.
    static func refusalCode(_ reply: [String: Any]) -> String? {
        guard reply["error"] as? String == "io.communecast.Site.AlertRefused" else { return nil }
        return (reply["parameters"] as? [String: Any])?["code"] as? String
    }

    /// The replay store and the alert table, for "the store is unchanged".
    func storeRows() throws -> [String] {
        try daemon.databaseRows("SELECT issuer, id, payloadSHA256, state FROM alertReplay ORDER BY issuer, id")
            + daemon.databaseRows("SELECT issuer, id, state, repeatsDone FROM alert ORDER BY issuer, id")
    }

    /// Waits until alert `id` is no longer pending or playing, so a snapshot of the store taken then stays as it
    /// is unless something else changes it; returns whether it settled.
    func waitUntilSettled(_ id: String) throws -> Bool {
        try daemon.wait(timeout: 60) {
            let state = try daemon.databaseRows("SELECT state FROM alert WHERE id = '\(id)'")
            return state.count == 1 && !["pending", "playing"].contains(state[0])
        }
    }

    func cleanUp() { site.cleanUp() }
}
