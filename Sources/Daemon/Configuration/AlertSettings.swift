import AlertTrust
import BroadcastModel
import ControlProtocol
import Foundation
import YAMLSupport

/// How the site takes alerts (issue 14): the `alerts:` map of `communecastd.yaml`.
///
/// ```yaml
/// alerts:
///   accept_unsigned_over_tls: false   # the transitional switch; unsigned PushAlert over TLS is refused by default
///   trust_ca: trust/province-ca.pem   # the pinned provincial CA; default tls.client_ca
///   acl: trust/acl.yaml               # signers' roles, by CN or fingerprint, and `revoked`; default tls.acl
///   tags: [ven-song]                  # this site's tags, for a signed alert's audience
///   areas: ["30316"]                  # its area codes; default site.commune_code
///   window_past_s: 600                # how old the newest signature may be
///   window_future_s: 120              # how far ahead of the site's clock it may be
///   max_envelope_bytes: 65536
///   max_lifetime_days: 7
///   people: {emergency_actual: 2}     # distinct people per LEVEL_STATUS; anything not listed needs one
///   replay_retention_days: 90         # how long the replay store keeps a row past its alert's expiry
/// ```
///
/// Relative paths are taken from the configuration file's directory, as in `tls:`.
public struct AlertSettings: Sendable, Equatable {
    /// Whether an unsigned `PushAlert` over TLS is still accepted (the transition to signed alerts).
    public var acceptUnsignedOverTLS = false
    /// The pinned provincial CA; `nil` means `tls.client_ca`.
    public var trustCA: String?
    /// The ACL for signers; `nil` means `tls.acl`.
    public var acl: String?
    /// This site's tags.
    public var tags: [String] = []
    /// This site's area codes; `nil` means the commune code.
    public var areas: [String]?
    /// The verifier's rules: window, size, lifetime and people.
    public var policy = AlertTrustPolicy()
    /// Days a replay row outlives its alert's expiry.
    public var replayRetentionDays = 90

    /// The defaults.
    public init() {}

    /// The replay logic with this site's retention and lifetime.
    var replayGuard: ReplayGuard {
        ReplayGuard(retention: Double(replayRetentionDays) * 86_400, maximumLifetime: policy.maximumLifetime)
    }

    /// This site as a signed alert's audience names it.
    func identity(siteName: String, communeCode: String) -> SiteIdentity {
        SiteIdentity(name: siteName, tags: Set(tags),
                     areas: Set(areas ?? (communeCode.isEmpty ? [] : [communeCode])))
    }

    /// The keys of `people:`, one per level and status.
    static let peopleKeys: [(key: String, level: Site.AlertLevel, status: BroadcastStatus)] = [
        Site.AlertLevel.priority, .emergency,
    ].flatMap { level in
        [BroadcastStatus.actual, .exercise, .test].map { ("\(level.rawValue)_\($0.rawValue)", level, $0) }
    }

    /// Reads the `alerts:` map, resolving relative paths against `directory`.
    static func parse(_ map: YAMLMap, directory: String) -> AlertSettings {
        func path(_ key: String) -> String? {
            guard let value = map.string(key) else { return nil }
            return value.hasPrefix("/") ? value : "\(directory)/\(value)"
        }
        var settings = AlertSettings()
        settings.acceptUnsignedOverTLS = map.bool("accept_unsigned_over_tls", default: false)
        settings.trustCA = path("trust_ca")
        settings.acl = path("acl")
        settings.tags = map.strings("tags")
        if map.node("areas") != nil { settings.areas = map.strings("areas") }
        var policy = AlertTrustPolicy()
        policy.maximumSignatureAge = Double(map.int("window_past_s", default: 600, in: 10...86_400, unit: "seconds"))
        policy.maximumClockAhead = Double(map.int("window_future_s", default: 120, in: 0...3_600, unit: "seconds"))
        policy.maximumEnvelopeBytes = map.int("max_envelope_bytes", default: 65_536, in: 4_096...65_536,
                                              unit: "bytes")
        policy.maximumLifetime = Double(map.int("max_lifetime_days", default: 7, in: 1...366, unit: "days")) * 86_400
        let people = map.map("people")
        for (key, level, status) in peopleKeys where people.node(key) != nil {
            policy.requiredPeople[level, default: [:]][status] = people.int(key, default: 1, in: 1...4,
                                                                            unit: "people")
        }
        people.finish()
        settings.policy = policy
        settings.replayRetentionDays = map.int("replay_retention_days", default: 90, in: 1...3_650, unit: "days")
        map.finish()
        return settings
    }
}

extension AlertSettings {
    /// Checks that the CA and the ACL these settings (or `tls`) name can be used, as `--check-config` and the
    /// start-up do; returns the line the summary prints. Throws naming the key and the file.
    func check(tls: TLSSettings) throws -> String {
        let caPath = trustCA ?? tls.clientCA
        let aclPath = acl ?? tls.acl
        let unsigned = "unsigned PushAlert over TLS \(acceptUnsignedOverTLS ? "ACCEPTED (transitional)" : "refused")"
        switch (caPath, aclPath) {
        case (nil, nil):
            return "signed alerts refused (no alerts.trust_ca/tls.client_ca and no alerts.acl/tls.acl); \(unsigned)"
        case (nil, _?):
            throw TLSSettingsError("alerts.acl is set but no CA is pinned; set alerts.trust_ca (or tls.client_ca) "
                                   + "to the provincial CA's PEM file")
        case (_?, nil):
            throw TLSSettingsError("alerts.trust_ca is set but there is no ACL for signers; set alerts.acl (or "
                                   + "tls.acl) to the ACL file")
        case (let caPath?, let aclPath?):
            let trust = try ProvincialTrust(path: caPath)
            let signers = try ClientACL.load(path: aclPath)
            let people = policy.requiredPeople.flatMap { level, statuses in
                statuses.map { "\(level.rawValue) \($0.key.rawValue): \($0.value)" }
            }.sorted()
            return "signed alerts: CA \(trust.authority.subject) (\(caPath)), signers \(aclPath) "
                + "(\(signers.commonNames.count) by CN, \(signers.fingerprints.count) by fingerprint, "
                + "\(signers.revoked.count) revoked); tags [\(tags.joined(separator: ", "))], areas "
                + "[\((areas ?? []).joined(separator: ", "))]; window -\(Int(policy.maximumSignatureAge))/"
                + "+\(Int(policy.maximumClockAhead)) s; people \(people.joined(separator: ", ")); \(unsigned)"
        }
    }
}
