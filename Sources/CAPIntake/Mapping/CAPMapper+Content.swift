import AlertTrust
import Foundation

extension CAPMapper {
    /// What airs: a person's media or text; else an audio `resource` the policy allows (type, size, inline or from
    /// an allowed host; the CLI checks its digest and encodes it); else the headline, description and instruction
    /// spoken as text. Spoken text in another language than Vietnamese is held for a person.
    func mapContent(_ alert: CAPAlert, _ overrides: CAPOverrides, _ mapping: inout CAPMapping) -> CAPDisposition? {
        guard let level = mapping.level else { return .refuse("no level") }
        mapping.airing = policy.airing[level]
        if let media = overrides.media {
            mapping.media = media
            mapping.fire("content: stored media \(media), set by the drafter")
            return nil
        }
        if let text = overrides.text {
            mapping.text = text
            mapping.textNeedsTranslation = false
            mapping.fire("content: text set by the drafter")
            return nil
        }
        guard alert.messageType != .cancel else {
            mapping.fire("content: none, a silent cancel")
            return nil
        }
        guard let info = mapping.info else { return .log("no info block: nothing to air") }
        mapping.audio = audioResource(info, &mapping)
        mapping.text = Self.spokenText(info, &mapping)
        if mapping.audio == nil, mapping.textNeedsTranslation {
            mapping.fire("content: the \(info.language) text would be spoken by a Vietnamese voice → held")
            return .hold("the text is in \(info.language): a person translates it (cap draft --text) or records it "
                         + "(--media)")
        }
        mapping.fire(mapping.audio.map { "content: audio resource '\($0.description)' (\($0.mimeType))" }
                     ?? "content: headline, description and instruction, spoken as text")
        return nil
    }

    /// The first resource the policy allows as audio; each one passed over is noted.
    private func audioResource(_ info: CAPInfo, _ mapping: inout CAPMapping) -> CAPResource? {
        for resource in info.resources {
            let type = resource.mimeType.lowercased().split(separator: ";").first.map(String.init) ?? ""
            let name = "resource '\(resource.description)' (\(resource.mimeType))"
            guard policy.audio.mimeTypes.contains(type) else {
                if type.hasPrefix("audio/") { mapping.fire("\(name): not an allowed audio type") }
                continue
            }
            if let size = resource.size, size > policy.audio.maximumBytes {
                mapping.fire("\(name): \(size) bytes, over the policy's \(policy.audio.maximumBytes)")
                continue
            }
            if resource.derefUri != nil { return resource }
            guard let uri = resource.uri, let host = URLComponents(string: uri)?.host?.lowercased(),
                  let scheme = URLComponents(string: uri)?.scheme?.lowercased(), scheme == "http" || scheme == "https"
            else {
                mapping.fire("\(name): no derefUri and no http(s) uri")
                continue
            }
            guard policy.audio.hosts.contains(host) else {
                mapping.fire("\(name): host \(host) is not in the policy's audio hosts")
                continue
            }
            guard resource.digest != nil || !policy.audio.requireDigest else {
                mapping.fire("\(name): no digest, and the policy requires one for a uri")
                continue
            }
            return resource
        }
        return nil
    }

    /// Headline (else the event), description and instruction, at most the payload's text length.
    static func spokenText(_ info: CAPInfo, _ mapping: inout CAPMapping) -> String {
        let limit = AlertContent.maximumTextLength
        let head = [info.headline ?? info.event, info.instruction].compactMap { $0 }
        var parts = [head[0]] + (info.description.map { [$0] } ?? []) + head.dropFirst()
        var text = parts.map(Self.sentence).joined(separator: " ")
        if text.count > limit, let description = info.description {
            let room = limit - (text.count - description.count) - 1
            parts = [head[0]] + (room > 40 ? [String(description.prefix(room - 1)) + "…"] : []) + head.dropFirst()
            text = parts.map(Self.sentence).joined(separator: " ")
            mapping.warnings.append("\(info.path)/description was shortened to fit \(limit) characters")
        }
        if text.count > limit {
            text = String(text.prefix(limit - 1)) + "…"
            mapping.warnings.append("\(info.path): the spoken text was cut at \(limit) characters")
        }
        return text
    }

    /// Whitespace collapsed, ending with a full stop unless it ends with punctuation already.
    private static func sentence(_ text: String) -> String {
        let collapsed = text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        guard let last = collapsed.last, !".!?…".contains(last) else { return collapsed }
        return collapsed + "."
    }

    /// Whether `cap watch` may send the draft at once: the policy allows its level, status or kind, and it is
    /// complete with the drafter's signature alone.
    func decideSending(_ mapping: inout CAPMapping) {
        guard let level = mapping.level, let status = mapping.status, let type = mapping.messageType else { return }
        let people = AlertTrustPolicy().people(for: type, level: level, status: status)
        let allowed = type == .cancel ? policy.autoSend.cancels
            : policy.autoSend.levels.contains(level) || policy.autoSend.statuses.contains(status)
        mapping.autoSend = allowed && people == 1
        mapping.awaitsApproval = allowed && people > 1
        if allowed, people > 1 {
            mapping.fire("auto_send allows it, but it needs \(people) people: drafted and held for `alert approve`, "
                         + "then `alert send`")
        } else if mapping.autoSend {
            mapping.fire("auto_send: complete with one signature, sent at once")
        }
    }
}
