import AlertTrust
import CAPIntake
import ControlProtocol
import Foundation

/// The office's path from CAP bytes to a signed alert draft, shared by `cap draft` and `cap watch`: check, map (with
/// the ledger), make the content (audio resource or spoken text), then sign as the drafter and write the file.
struct CAPDrafter {
    /// The policy.
    var policy: CAPPolicy
    /// The inventory's sites.
    var sites: [CAPSite]
    /// The drafter's certificate, key and CA.
    var signing: SigningOptions
    /// The issuer named in the signed alert.
    var issuer: String

    /// What became of one CAP message.
    struct Outcome {
        /// The report (check, signatures, mapping).
        var report: CAPReport
        /// The draft written, if any.
        var draft: String?
        /// Imported audio written beside it, if any.
        var media: String?
    }

    /// Checks and maps `bytes` (named `name` in the report) and writes the draft to `out` when the mapping says to
    /// draft; imported audio goes into `out`'s directory. The ledger, if given, is consulted and updated.
    func process(_ bytes: [UInt8], name: String, out: String, replace: Bool, overrides: CAPOverrides,
                 ledger: inout CAPLedger?, now: Date) async throws -> Outcome {
        var outcome = Outcome(report: CAPReport(file: name))
        let message: CAPMessage
        do throws(CAPRefusal) {
            message = try CAPMessage(bytes: bytes, policy: policy, now: now)
        } catch {
            outcome.report.refusal = error
            return outcome
        }
        outcome.report.message = message
        var mapping = CAPMapper(policy: policy, sites: sites, ledger: ledger, now: now).map(message,
                                                                                           overrides: overrides)
        var content: AlertContent?
        if case .draft = mapping.disposition {
            content = await makeContent(&mapping, &outcome, directory: Self.directory(of: out))
        }
        outcome.report.mapping = mapping
        if let content, let payload = mapping.payload(issuer: issuer, source: message.source,
                                                      sent: message.alert.sent.date, content: content) {
            try await write(payload, to: out, replace: replace, now: now)
            outcome.draft = out
        }
        record(message, mapping, in: &ledger, now: now)
        return outcome
    }

    /// The content of the alert: a person's media or text, the audio resource, or the spoken text. An audio
    /// resource that fails its checks falls back to text, which is held if it is not Vietnamese.
    private func makeContent(_ mapping: inout CAPMapping, _ outcome: inout Outcome, directory: String) async
        -> AlertContent? {
        let tone = mapping.airing?.tone ?? false
        if mapping.messageType == .cancel, mapping.media == nil, mapping.text == nil {
            return AlertContent(tone: false)
        }
        if let media = mapping.media { return AlertContent(tone: tone, media: media) }
        if let resource = mapping.audio {
            do {
                let sha256 = try await CAPAudio.prepare(resource, policy: policy, directory: directory)
                outcome.media = "\(directory)/\(sha256).opus"
                return AlertContent(tone: tone, media: sha256)
            } catch {
                outcome.report.notes.append("\(error); speaking the text instead")
                guard !mapping.textNeedsTranslation else {
                    mapping.disposition = .hold("the audio resource failed and the text is in "
                                                + "\(mapping.info?.language ?? "another language")")
                    return nil
                }
            }
        }
        guard let text = mapping.text else { return AlertContent(tone: tone) }
        return AlertContent(tone: tone, text: text)
    }

    private func write(_ payload: AlertPayload, to out: String, replace: Bool, now: Date) async throws {
        do {
            _ = try AlertPayload(parsing: payload.jsonBytes)
        } catch {
            throw CLIError("this CAP message cannot become a signed alert: \(error)")
        }
        var envelope = AlertEnvelope(payload: payload)
        try await signing.signer(now: now).sign(&envelope, part: .draft, at: now)
        try EnvelopeFile.write(envelope, to: out, replace: replace)
    }

    private func record(_ message: CAPMessage, _ mapping: CAPMapping, in ledger: inout CAPLedger?, now: Date) {
        guard ledger != nil else { return }
        let alert = message.alert
        let drafted = mapping.disposition == .draft
        ledger?.record(CAPLedger.Entry(
            key: CAPMessageKey(sender: alert.sender, identifier: alert.identifier), sent: alert.sent.text,
            sha256: message.sha256, messageType: alert.messageType.rawValue,
            references: alert.references.map(\.key), disposition: mapping.disposition.name,
            payloadID: drafted ? mapping.payloadID : nil, level: drafted ? mapping.level?.rawValue : nil,
            sites: drafted ? mapping.audience?.sites ?? [] : [], expires: drafted ? mapping.expires : nil,
            handled: now
        ))
    }

    /// The directory a file is written into.
    static func directory(of path: String) -> String {
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        return directory.isEmpty ? "." : directory
    }
}
