import AlertTrust
import CAPIntake
import ControlProtocol
import Foundation

/// What the cap commands print about one CAP file: its source (sender, identifier, sent, the SHA-256 of its bytes),
/// its signatures, every finding (each naming its element), and the mapping with each rule that fired; as text for
/// people or JSON for scripts.
struct CAPReport {
    /// The file (or URL) read.
    var file: String
    /// The message, when it passed the checks.
    var message: CAPMessage?
    /// The refusal, when it did not.
    var refusal: CAPRefusal?
    /// The mapping, for a checked message.
    var mapping: CAPMapping?
    /// Notes added while drafting (an audio resource that failed...).
    var notes: [String] = []

    /// Whether the message was refused, by the checks or by the mapping.
    var isRefused: Bool {
        if refusal != nil { return true }
        if case .refuse = mapping?.disposition { return true }
        return false
    }

    /// The text for people.
    func text() -> String {
        var lines = ["\(file):"]
        if let refusal {
            lines.append("  refused:")
            lines += refusal.findings.map { "    \($0)" }
            return lines.joined(separator: "\n")
        }
        guard let message, let mapping else { return lines.joined(separator: "\n") }
        let alert = message.alert
        lines.append(row("source", "CAP \(alert.identifier) from \(alert.sender), sent \(alert.sent.text)"))
        lines.append(row("sha256", message.sha256))
        lines.append(row("message", "\(alert.status.rawValue) \(alert.messageType.rawValue), scope "
                         + "\(alert.scope.rawValue), \(alert.infos.count) info block(s)"))
        if message.signatures.isEmpty { lines.append(row("signature", "none")) }
        for signature in message.signatures {
            let verdict = signature.verifiedBy.map { "verified with \($0)" } ?? (signature.problem ?? "not verified")
            lines.append(row("signature", "\(signature.index): \(signature.method), \(signature.digest): \(verdict)"))
        }
        for warning in message.warnings { lines.append(row("warning", warning.description)) }
        for warning in mapping.warnings + notes { lines.append(row("warning", warning)) }
        lines.append(row("mapping", mapping.disposition.description))
        for rule in mapping.rules { lines.append(row("", "- \(rule)")) }
        return lines.joined(separator: "\n")
    }

    private func row(_ label: String, _ value: String) -> String {
        "  " + label.padding(toLength: 10, withPad: " ", startingAt: 0) + value
    }

    /// The report for scripts.
    func json() -> JSONValue {
        var members: [String: JSONValue] = ["file": .string(file), "refused": .bool(isRefused)]
        if let refusal { members["findings"] = .array(refusal.findings.map(Self.finding)) }
        if let message {
            let alert = message.alert
            members["cap"] = .object([
                "sender": .string(alert.sender), "identifier": .string(alert.identifier),
                "sent": .string(alert.sent.text), "sha256": .string(message.sha256),
                "status": .string(alert.status.rawValue), "msg_type": .string(alert.messageType.rawValue),
                "scope": .string(alert.scope.rawValue),
            ])
            members["findings"] = .array(message.warnings.map(Self.finding))
            members["signatures"] = .array(message.signatures.map(Self.signature))
        }
        if let mapping { members["mapping"] = Self.mapping(mapping, notes: notes) }
        return .object(members)
    }

    private static func finding(_ finding: CAPFinding) -> JSONValue {
        .object([
            "severity": .string(finding.severity.rawValue), "element": .string(finding.element),
            "line": finding.line.map { .integer(Int64($0)) } ?? .null, "message": .string(finding.message),
        ])
    }

    private static func signature(_ result: CAPSignatureResult) -> JSONValue {
        .object([
            "index": .integer(Int64(result.index)), "method": .string(result.method), "digest": .string(result.digest),
            "verified": .bool(result.isVerified),
            "key": result.verifiedBy.map { .string($0.description) } ?? .null,
            "problem": result.problem.map(JSONValue.string) ?? .null,
        ])
    }

    private static func mapping(_ mapping: CAPMapping, notes: [String]) -> JSONValue {
        .object([
            "disposition": .string(mapping.disposition.name),
            "reason": mapping.disposition.reason.map(JSONValue.string) ?? .null,
            "rules": .array(mapping.rules.map(JSONValue.string)),
            "warnings": .array((mapping.warnings + notes).map(JSONValue.string)),
            "alert_id": .string(mapping.payloadID),
            "status": mapping.status.map { .string($0.rawValue) } ?? .null,
            "level": mapping.level.map { .string($0.rawValue) } ?? .null,
            "msg_type": mapping.messageType.map { .string($0.rawValue) } ?? .null,
            "references": .array(mapping.references.map(JSONValue.string)),
            "sites": .array((mapping.audience?.sites ?? []).map(JSONValue.string)),
            "audience": mapping.audience.map { .string($0.summary) } ?? .null,
            "expires": mapping.expires.map { .string(AlertPayload.timeText($0)) } ?? .null,
            "language": mapping.info.map { .string($0.language) } ?? .null,
            "auto_send": .bool(mapping.autoSend),
        ])
    }
}
