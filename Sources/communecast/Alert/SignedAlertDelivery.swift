import AlertTrust
import ControlProtocol
import Fleet
import Foundation

/// What `alert send` checks before a signed alert leaves the office, and the push itself: shared by `alert send`
/// and `cap watch`'s sending at once, so a draft the watch sends passes exactly the checks a person's send does.
enum SignedAlertDelivery {
    /// A file ready to go: its text, byte for byte, and the payload it carries.
    struct Ready: Sendable {
        /// The envelope as the file holds it.
        var envelope: String
        /// The verified payload.
        var payload: AlertPayload
    }

    /// The file, once its signatures hold (and its signers' chains, when $COMMUNECAST_CA names the provincial CA)
    /// and it has every approval its level needs; otherwise an error saying why: nothing is sent.
    static func checked(_ file: String, now: Date = Date()) async throws -> Ready {
        let bytes = try EnvelopeFile.read(file)
        let trust = try SigningOptions.environment("COMMUNECAST_CA").map { try ProvincialTrust(path: $0) }
        let inspection = try await EnvelopeFile.inspect(file, trust: trust, now: now)
        if let problem = inspection.problems.first {
            throw CLIError("'\(file)': \(problem); not sent")
        }
        let payload = inspection.payload
        let policy = AlertTrustPolicy()
        guard inspection.isComplete(policy: policy) else {
            let needed = policy.people(for: payload.messageType, level: payload.level, status: payload.status)
            throw CLIError("'\(file)' is signed by \(inspection.people) of the \(needed) people a "
                           + "\(payload.level.rawValue) \(payload.status.rawValue) \(payload.messageType) needs; "
                           + "a second person must run `communecast alert approve \(file) --confirm "
                           + "\(inspection.fingerprint.short)` first; not sent")
        }
        guard let envelope = String(validating: bytes, as: UTF8.self) else {
            throw CLIError("'\(file)' is not UTF-8 text: it is not a signed alert")
        }
        return Ready(envelope: envelope, payload: payload)
    }

    /// Hands `ready` to the site `client` is connected to: PushSignedAlert with the envelope as the file holds it.
    static func push(_ ready: Ready, with client: VarlinkClient) async throws -> Site.PushSignedAlert.Reply {
        try await client.call(Site.PushSignedAlert.self, Site.PushSignedAlert.Parameters(envelope: ready.envelope))
    }
}
