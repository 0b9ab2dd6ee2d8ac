import AlertTrust
import ControlProtocol
import Foundation

/// What `alert draft`, `alert show` and `alert approve` print: a large status banner, what the alert does and to
/// whom, who signed, the short fingerprint, and what happens next; or the same as JSON.
struct AlertPreview {
    /// The inspected envelope.
    let inspection: EnvelopeInspection
    /// The file it came from or went to.
    let file: String
    /// The audience's size, when an inventory was given.
    let audience: AudienceCount?
    /// The rules the preview states (the default site policy).
    let policy = AlertTrustPolicy()

    /// The people this message needs under the default policy.
    private var required: Int {
        let payload = inspection.payload
        return policy.people(for: payload.messageType, level: payload.level, status: payload.status)
    }

    /// When the draft stops being approvable.
    private var draftExpiry: Date? {
        inspection.draft.map { policy.draftExpiry(drafted: $0.issuedAt, payload: inspection.payload) }
    }

    /// The preview for people.
    func text() -> String {
        let payload = inspection.payload
        var lines = Banner.lines(for: payload.status) + [""]
        let kind = "\(payload.messageType), \(payload.level.rawValue), \(payload.status.rawValue)"
        lines.append(row("alert", "\(payload.id) from \(payload.issuer) (\(kind))"))
        if let source = payload.source {
            lines.append(row("from CAP", "\(source.identifier) by \(source.sender), sent \(source.sent), sha256 "
                             + "\(source.sha256.prefix(16))…"))
        }
        if !payload.references.isEmpty {
            let verb = payload.messageType == .cancel ? "cancels" : "replaces"
            lines.append(row(verb, payload.references.joined(separator: ", ")))
        }
        lines.append(row("content", content))
        lines.append(row("airs", "\(payload.repeatCount) time(s), \(payload.intervalSeconds) s apart, until "
                         + "\(AlertPayload.timeText(payload.expires)) (sent \(AlertPayload.timeText(payload.sent)))"))
        var reach = payload.audience.summary
        if let audience {
            reach += ": \(audience.matched) of \(audience.total) sites in \(audience.inventory)"
        }
        lines.append(row("audience", reach))
        lines.append(row("signed", "\(inspection.people) of \(required) required people"
                         + (inspection.chainsChecked ? "" : " (certificates not checked against a CA: give --ca)")))
        for signature in inspection.signatures {
            let fingerprint = signature.identity.map { " sha256 \($0.fingerprint.prefix(11))…" } ?? ""
            lines.append(row("", "\(signature.part.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0))"
                             + "\(signature.signerName)\(fingerprint) \(signature.algorithm) at "
                             + "\(AlertPayload.timeText(signature.issuedAt)): \(signature.problem ?? "ok")"))
        }
        lines.append(row("fingerprint", inspection.fingerprint.short))
        lines.append(row("next", next))
        return lines.joined(separator: "\n")
    }

    private var content: String {
        let tone = inspection.payload.content.tone ? " after the attention tone" : ""
        if let media = inspection.payload.content.media { return "media sha256 \(media)\(tone)" }
        if let text = inspection.payload.content.text { return "text \"\(text)\"\(tone)" }
        return inspection.payload.content.tone ? "the attention tone only" : "nothing airs"
    }

    private var next: String {
        if !inspection.problems.isEmpty { return "do not send: a signature does not hold" }
        if inspection.isComplete(policy: policy) { return "complete: ready to send" }
        let expiry = draftExpiry.map { " before \(AlertPayload.timeText($0))" } ?? ""
        return "another person approves it\(expiry): communecast alert approve \(file) --confirm "
            + "\(inspection.fingerprint.short) --cert PEM --key PEM --ca PEM"
    }

    private func row(_ label: String, _ value: String) -> String {
        label.padding(toLength: 12, withPad: " ", startingAt: 0) + value
    }

    /// The preview for scripts: the payload as signed, the signatures, and the same facts as the text.
    func json() -> JSONValue {
        let payload = (try? JSONParser().parse(inspection.envelope.payloadBytes)) ?? .null
        var members: [String: JSONValue] = [
            "file": .string(file),
            "fingerprint": .string(inspection.fingerprint.short),
            "payload_sha256": .string(inspection.fingerprint.hex),
            "payload": payload,
            "people": .integer(Int64(inspection.people)),
            "people_required": .integer(Int64(required)),
            "complete": .bool(inspection.isComplete(policy: policy)),
            "chains_checked": .bool(inspection.chainsChecked),
            "signatures": .array(inspection.signatures.map(signatureJSON)),
        ]
        if let draftExpiry { members["draft_expires"] = .string(AlertPayload.timeText(draftExpiry)) }
        if let audience {
            members["audience_sites"] = .integer(Int64(audience.matched))
            members["inventory_sites"] = .integer(Int64(audience.total))
        }
        return .object(members)
    }

    private func signatureJSON(_ signature: EnvelopeInspection.Signature) -> JSONValue {
        var members: [String: JSONValue] = [
            "part": .string(signature.part.rawValue),
            "alg": .string(signature.algorithm),
            "signed_at": .string(AlertPayload.timeText(signature.issuedAt)),
            "problem": signature.problem.map(JSONValue.string) ?? .null,
        ]
        if let identity = signature.identity {
            members["common_name"] = identity.commonName.map(JSONValue.string) ?? .null
            members["subject"] = .string(identity.subject)
            members["certificate_sha256"] = .string(identity.fingerprint)
        }
        return .object(members)
    }

    /// Prints the preview, as text or JSON.
    func print(json: Bool) {
        Swift.print(json ? String(decoding: JSONWriter.bytes(of: self.json()), as: UTF8.self) : text())
    }
}
