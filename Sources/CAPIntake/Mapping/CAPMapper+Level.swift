import BroadcastModel
import ControlProtocol

extension CAPMapper {
    /// The broadcast level (issue 17, as cell broadcast and WEA map them): Extreme ∧ Immediate ∧ (Observed ∨ Likely)
    /// → emergency; Extreme ∧ Expected, or Severe ∧ (Immediate ∨ Expected), with Observed ∨ Likely → priority;
    /// otherwise normal. A Vietnamese disaster-risk level (Decision 18/2021/QĐ-TTg, 1 to 5) in the configured
    /// `parameter` wins when present. Signed alerts are priority or emergency, so normal follows the policy.
    static func level(urgency: CAPUrgency, severity: CAPSeverity, certainty: CAPCertainty) -> BroadcastLevel {
        let sure = certainty == .observed || certainty == .likely
        if severity == .extreme, urgency == .immediate, sure { return .emergency }
        let serious = (severity == .extreme && urgency == .expected)
            || (severity == .severe && (urgency == .immediate || urgency == .expected))
        return serious && sure ? .priority : .normal
    }

    func mapLevel(_ alert: CAPAlert, _ overrides: CAPOverrides, _ mapping: inout CAPMapping) -> CAPDisposition? {
        if let level = overrides.level {
            mapping.level = level
            mapping.fire("level \(level.rawValue), set by the drafter")
            return nil
        }
        guard let info = mapping.info else {
            let level = referencedLevel(alert) ?? .emergency
            mapping.level = level
            mapping.fire("level \(level.rawValue) for the cancel (no info block)")
            return nil
        }
        var level = Self.level(urgency: info.urgency, severity: info.severity, certainty: info.certainty)
        var reason = "\(info.severity.rawValue), \(info.urgency.rawValue), \(info.certainty.rawValue) → \(level)"
        if let name = policy.riskLevelParameter, let value = info.parameter(name) {
            if let risk = Int(value.trimmingWhitespace), let mapped = policy.riskLevels[risk] {
                level = mapped
                reason = "disaster-risk level \(risk) (parameter \(name), Decision 18/2021/QĐ-TTg) → \(level)"
            } else {
                mapping.warnings.append("\(info.path)/parameter '\(name)' is '\(value)', not a risk level 1 to 5; "
                                        + "the level comes from severity, urgency and certainty")
            }
        }
        switch level {
        case .emergency:
            mapping.level = .emergency
        case .priority:
            mapping.level = .priority
        case .normal where alert.messageType == .cancel:
            mapping.level = referencedLevel(alert) ?? .priority
            reason += "; a cancel goes at \(mapping.level!.rawValue)"
        case .normal:
            switch policy.normalLevel {
            case .priority:
                mapping.level = .priority
                reason += "; sent as priority (policy normal: priority)"
            case .log:
                mapping.fire("level \(reason); policy normal: log")
                return .log("level normal: the policy logs normal-level warnings")
            case .hold:
                mapping.fire("level \(reason); policy normal: hold")
                return .hold("level normal: signed alerts are priority or emergency; a person decides "
                             + "(cap draft --level priority)")
            }
        }
        mapping.fire("level \(reason)")
        return nil
    }

    /// The highest level the ledger drafted the referenced messages at.
    func referencedLevel(_ alert: CAPAlert) -> Site.AlertLevel? {
        referencedEntries(alert).compactMap { $0.level.flatMap(Site.AlertLevel.init(rawValue:)) }
            .max { $0 == .priority && $1 == .emergency }
    }
}
