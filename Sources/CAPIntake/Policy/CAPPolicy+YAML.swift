import AlertTrust
import BroadcastModel
import ControlProtocol
import Foundation
import YAMLSupport

extension CAPPolicy {
    /// Reads and validates a policy file (docs/cap.md); pinned key files are read from paths relative to it.
    public static func load(path: String) throws(CAPPolicyError) -> CAPPolicy {
        let text: String
        do throws(YAMLIssues) {
            text = try YAMLFile.read(path: path)
        } catch {
            throw .yaml(error)
        }
        return try parse(text, file: path)
    }

    /// Validates policy text; `file` names it and gives the directory relative key paths start from.
    public static func parse(_ text: String, file: String) throws(CAPPolicyError) -> CAPPolicy {
        let collector = YAMLCollector()
        let root = YAMLMap.parse(text, file: file, collector: collector)
        let base = URL(fileURLWithPath: file).deletingLastPathComponent().path
        var policy = CAPPolicy()
        policy.maximumBytes = root.int("max_bytes", default: policy.maximumBytes, in: 4_096...64 * 1_048_576,
                                       unit: "bytes")
        var keyFiles: [(String, String)] = []
        for entry in root.maps("senders") {
            guard let name = entry.string("sender") else {
                entry.report("sender", "missing; give the CAP sender exactly as messages write it")
                continue
            }
            if policy.senders[name] != nil { entry.report("sender", "'\(name)' is listed twice") }
            var sender = Sender()
            sender.signatureRequired = entry.choice("signature", default: "required",
                                                    from: ["required", "optional"]) == "required"
            for key in entry.strings("certificates") + entry.strings("public_keys") {
                keyFiles.append((name, key.hasPrefix("/") ? key : "\(base)/\(key)"))
            }
            if sender.signatureRequired, entry.strings("certificates").isEmpty, entry.strings("public_keys").isEmpty {
                entry.report("certificates", "missing for '\(name)', whose signature is required: pin its "
                                 + "certificates (or public_keys), else nothing it sends can be accepted")
            }
            entry.finish()
            policy.senders[name] = sender
        }
        switch root.choice("other_senders", default: "refuse", from: ["refuse", "unsigned"]) {
        case "unsigned": policy.otherSenders = Sender(signatureRequired: false)
        default: policy.otherSenders = nil
        }
        readMapping(root, into: &policy)
        root.finish()
        do throws(YAMLIssues) {
            try collector.throwIfAny()
        } catch {
            throw .yaml(error)
        }
        for (name, path) in keyFiles {
            policy.senders[name]?.keys += try PinnedKey.load(path: path)
        }
        return policy
    }

    private static func readMapping(_ root: YAMLMap, into policy: inout CAPPolicy) {
        if let text = root.string("default_expiry") {
            if let seconds = duration(text) {
                policy.defaultLifetime = seconds
            } else {
                root.report("default_expiry", "'\(text)' is not a duration such as 90m, 6h or 1d")
            }
        }
        policy.fallbackLanguage = root.string("fallback_language") ?? policy.fallbackLanguage
        let risk = root.map("risk_level")
        policy.riskLevelParameter = risk.string("parameter")
        let levels = risk.map("levels")
        for level in 1...5 {
            let name = levels.choice(String(level), default: policy.riskLevels[level]!.rawValue,
                                     from: BroadcastLevel.allCases.map(\.rawValue))
            policy.riskLevels[level] = BroadcastLevel(rawValue: name)
        }
        levels.finish()
        risk.finish()
        policy.normalLevel = NormalLevel(rawValue: root.choice("normal", default: "hold",
                                                               from: NormalLevel.allCases.map(\.rawValue))) ?? .hold
        policy.geocodeNames = Set(root.strings("geocodes"))
        let test = root.map("test_audience")
        policy.testAudience = AlertAudience(sites: test.strings("sites"), tags: test.strings("tags"),
                                            areas: test.strings("areas"))
        test.finish()
        readAudio(root.map("audio"), into: &policy.audio)
        let airing = root.map("airing")
        for level in Site.AlertLevel.allCases {
            let entry = airing.map(level.rawValue)
            let current = policy.airing[level]!
            policy.airing[level] = Airing(
                repeatCount: entry.int("repeat", default: current.repeatCount, in: 1...100, unit: "times"),
                intervalSeconds: entry.int("interval_s", default: current.intervalSeconds, in: 0...86_400,
                                           unit: "seconds"),
                tone: entry.bool("tone", default: current.tone)
            )
            entry.finish()
        }
        airing.finish()
        let send = root.map("auto_send")
        policy.autoSend.levels = Set(choices(send, "levels", Site.AlertLevel.self))
        policy.autoSend.statuses = Set(choices(send, "statuses", BroadcastStatus.self))
        policy.autoSend.cancels = send.bool("cancels", default: false)
        send.finish()
    }

    private static func readAudio(_ audio: YAMLMap, into rule: inout Audio) {
        let types = audio.strings("mime_types")
        if !types.isEmpty { rule.mimeTypes = Set(types.map { $0.lowercased() }) }
        rule.maximumBytes = audio.int("max_bytes", default: rule.maximumBytes, in: 1_024...64 * 1_048_576,
                                      unit: "bytes")
        rule.hosts = Set(audio.strings("hosts").map { $0.lowercased() })
        rule.requireDigest = audio.bool("require_digest", default: rule.requireDigest)
        audio.finish()
    }

    private static func choices<Value: RawRepresentable & CaseIterable>(
        _ map: YAMLMap, _ key: String, _ type: Value.Type
    ) -> [Value] where Value.RawValue == String {
        map.strings(key).compactMap { text in
            guard let value = Value(rawValue: text) else {
                map.report(key, "'\(text)' is not one of \(Value.allCases.map(\.rawValue).joined(separator: ", "))")
                return nil
            }
            return value
        }
    }

    /// `90m`, `6h`, `1d`, `3600s` in seconds.
    static func duration(_ text: String) -> TimeInterval? {
        let units: [Character: TimeInterval] = ["s": 1, "m": 60, "h": 3_600, "d": 86_400]
        guard let unit = text.last.flatMap({ units[$0] }), let number = Double(text.dropLast()), number > 0,
              number.isFinite else { return nil }
        return number * unit
    }
}
