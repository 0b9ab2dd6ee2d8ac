import AlertTrust
import ControlProtocol
import Foundation

/// Maps a checked CAP message onto a signed alert under the policy (issue 17 §4, documented in docs/cap.md): status,
/// message type, scope, the office's ledger, the info's language, urgency and level, expiry, area and content. Each
/// step either fires a rule and goes on, or ends with a disposition (hold, log, refuse).
public struct CAPMapper: Sendable {
    /// The policy.
    public var policy: CAPPolicy
    /// The sites of the inventory, for area matching.
    public var sites: [CAPSite]
    /// The office's ledger, if kept.
    public var ledger: CAPLedger?
    /// The time the mapping is made at (the clock).
    public var now: Date

    /// Creates a mapper.
    public init(policy: CAPPolicy, sites: [CAPSite], ledger: CAPLedger? = nil, now: Date) {
        self.policy = policy
        self.sites = sites
        self.ledger = ledger
        self.now = now
    }

    /// The mapping of `message`, with a person's `overrides`.
    public func map(_ message: CAPMessage, overrides: CAPOverrides = CAPOverrides()) -> CAPMapping {
        let alert = message.alert
        var mapping = CAPMapping(payloadID: CAPMapping.payloadID(for: CAPMessageKey(sender: alert.sender,
                                                                                      identifier: alert.identifier)))
        let steps: [(inout CAPMapping) -> CAPDisposition?] = [
            { mapStatus(alert, &$0) }, { mapType(alert, &$0) }, { mapScope(alert, &$0) },
            { checkLedger(message, &$0) }, { chooseInfo(alert, &$0) }, { mapUrgency(alert, &$0) },
            { mapLevel(alert, overrides, &$0) }, { mapExpiry(alert, &$0) }, { mapAudience(alert, overrides, &$0) },
            { mapContent(alert, overrides, &$0) },
        ]
        for step in steps {
            if let outcome = step(&mapping) {
                mapping.disposition = outcome
                return mapping
            }
        }
        decideSending(&mapping)
        return mapping
    }

    private func mapStatus(_ alert: CAPAlert, _ mapping: inout CAPMapping) -> CAPDisposition? {
        switch alert.status {
        case .actual:
            mapping.status = .actual
            mapping.fire("status Actual → actual")
        case .exercise:
            mapping.status = .exercise
            mapping.fire("status Exercise → exercise")
        case .test:
            mapping.status = .test
            guard !policy.testAudience.isEmpty else {
                mapping.fire("status Test → test: no public audio, and the policy names no test_audience")
                return .log("status Test: no public audio")
            }
            mapping.fire("status Test → test, to the policy's test_audience only (\(policy.testAudience.summary)): "
                         + "no public audio")
        case .system:
            mapping.fire("status System → log only")
            return .log("status System: alert network traffic, never aired")
        case .draft:
            mapping.fire("status Draft → refused")
            return .refuse("status Draft: a CAP draft is not actionable")
        }
        return nil
    }

    private func mapType(_ alert: CAPAlert, _ mapping: inout CAPMapping) -> CAPDisposition? {
        let references = alert.references.map { CAPMapping.payloadID(for: $0.key) }
        switch alert.messageType {
        case .alert:
            mapping.messageType = .alert
            mapping.fire("msgType Alert → new alert")
        case .update:
            mapping.messageType = .update
            mapping.references = references
            mapping.fire("msgType Update → supersedes \(alert.references.map(\.description).joined(separator: " "))")
        case .cancel:
            mapping.messageType = .cancel
            mapping.references = references
            mapping.fire("msgType Cancel → cancels \(alert.references.map(\.description).joined(separator: " "))")
        case .ack, .error:
            mapping.fire("msgType \(alert.messageType.rawValue) → log only")
            return .log("msgType \(alert.messageType.rawValue): not a warning to air")
        }
        guard references.count <= AlertPayload.maximumReferences else {
            return .refuse("references names \(references.count) messages; a signed alert names at most "
                           + "\(AlertPayload.maximumReferences)")
        }
        return nil
    }

    private func mapScope(_ alert: CAPAlert, _ mapping: inout CAPMapping) -> CAPDisposition? {
        guard alert.scope != .public else { return nil }
        mapping.fire("scope \(alert.scope.rawValue) → no public broadcast")
        return .log("scope \(alert.scope.rawValue): not for public loudspeakers")
    }

    /// The language order of issue 17: `vi-VN`, then `vi`, then the policy's fallback, then the first info.
    private func chooseInfo(_ alert: CAPAlert, _ mapping: inout CAPMapping) -> CAPDisposition? {
        let infos = alert.infos
        guard !infos.isEmpty else { return nil }
        let tags = infos.map { $0.language.lowercased() }
        let choice: (Int, String)
        if let index = tags.firstIndex(of: "vi-vn") {
            choice = (index, "language vi-VN")
        } else if let index = tags.firstIndex(where: { $0 == "vi" || $0.hasPrefix("vi-") }) {
            choice = (index, "language \(infos[index].language) (vi)")
        } else if let fallback = policy.fallbackLanguage?.lowercased(), let index = tags.firstIndex(of: fallback) {
            choice = (index, "no vi-VN or vi info → the fallback language \(infos[index].language)")
        } else {
            choice = (0, "no vi-VN, vi or \(policy.fallbackLanguage ?? "fallback") info → the first "
                      + "(\(infos[0].language))")
        }
        let info = infos[choice.0]
        mapping.info = info
        mapping.fire("info \(info.path): \(choice.1)" + (info.languageGiven ? "" : " (no language given: en-US)"))
        if infos.count > 1 {
            let others = infos.indices.filter { $0 != choice.0 }.map { infos[$0].language }
            mapping.fire("\(others.count) other info block(s) not aired (\(others.joined(separator: ", ")))")
        }
        mapping.textNeedsTranslation = !(tags[choice.0] == "vi" || tags[choice.0].hasPrefix("vi-"))
        return nil
    }

    private func mapUrgency(_ alert: CAPAlert, _ mapping: inout CAPMapping) -> CAPDisposition? {
        guard let info = mapping.info else {
            guard alert.messageType == .cancel else {
                mapping.fire("no info block → nothing to air")
                return .log("no info block: nothing to air")
            }
            return nil
        }
        guard info.urgency == .past, alert.messageType != .cancel else { return nil }
        mapping.fire("urgency Past → log only")
        return .log("urgency Past: the event is over")
    }
}
