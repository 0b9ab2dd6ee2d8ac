import AlertTrust
import ControlProtocol
import Foundation
import Logging
import Store
import Uplink

extension SiteUplink {
    /// The method a signed configuration names: the groups the site subscribes to.
    static let setGroupsMethod = "io.communecast.Uplink.SetGroups"
    /// The store setting that keeps the groups a signed configuration set, as JSON, across restarts.
    static let groupsSetting = "uplink_groups"
    /// Most groups one site may be in.
    static let maximumGroups = 32

    /// A signed configuration on `cc/v1/site/SITE/config` (issue 15 §4), retained by the broker so a site that
    /// connects later (or was reinstalled) still gets it: a signed command for this site alone,
    /// `{"method": "io.communecast.Uplink.SetGroups", "parameters": {"groups": [...]}}`, verified like every
    /// command (pinned CA, recipient, the signer's standing in the ACL, not signed in the future) but of any age,
    /// and accepted only from a provincial signer. Newer wins: only one signed after the configuration the site
    /// applied last replaces it (``AppliedConfiguration``); an older or equal one is refused (`superseded`, or
    /// `replayed` for the same one published again), except the retained copy of the applied one, which the
    /// broker sends on every subscribe and is ignored. The groups (with `all`) replace the site's, are kept in its
    /// store (they outlive a restart and `uplink.groups`), and are subscribed to at once; the site reports
    /// `config.applied` or `config.refused` and writes an audit row either way.
    func receiveConfiguration(_ message: UplinkMessage) async {
        let carrier = "mqtt:\(message.broker) \(message.topic)"
        do {
            let verified = try await context.signedAlerts.verifyCommand(message.payload, recipients: [site.rawValue],
                                                                       carrier: carrier, checkAge: false)
            let applied = AppliedConfiguration.stored(context.store)
            if message.retained, let applied, applied.id == verified.command.id {
                logger.debug("the retained configuration is the one applied", metadata: ["id": "\(applied.id)"])
                return
            }
            let groups = try Self.groups(of: verified)
            if let applied { try applied.checkReplaced(by: verified) }
            let stored = String(decoding: try JSONEncoder().encode(groups.map(\.rawValue)), as: UTF8.self)
            try context.store.setSettings([
                (Self.groupsSetting, stored),
                (AppliedConfiguration.setting, AppliedConfiguration(verified).text),
            ])
            setGroups(groups)
            try client.setSubscriptions(subscriptions)
            let list = groups.map(\.rawValue).joined(separator: ", ")
            logger.notice("signed configuration applied: groups changed", metadata: [
                "groups": "\(list)", "signer": "\(verified.signer.subject)", "id": "\(verified.command.id)",
            ])
            report(SiteEvent(type: .configApplied, at: context.clock.now(), message: "groups: \(list)"))
            context.audit.append(AuditEntry(
                at: context.clock.now(), identity: AuditEntry.cut(carrier, toBytes: AuditEntry.maximumNameBytes),
                role: verified.role.rawValue, method: Self.setGroupsMethod,
                summary: AuditEntry.cut("groups=[\(list)] id=\(verified.command.id) signer=\(verified.signer.subject)",
                                        toBytes: AuditEntry.maximumSummaryBytes),
                result: "ok"
            ))
        } catch let SiteFailure.alertRefused(code, reason) {
            logger.warning("signed configuration refused", metadata: ["code": "\(code)", "reason": "\(reason)"])
            auditRefusal(message, carrier: carrier, code: code)
            report(SiteEvent(type: .configRefused, at: context.clock.now(), code: code, message: reason))
        } catch {
            logger.error("a signed configuration could not be applied", metadata: ["error": "\(error)"])
            auditRefusal(message, carrier: carrier, code: "internal_error")
            report(SiteEvent(type: .configRefused, at: context.clock.now(), code: "internal_error",
                             message: "\(error)"))
        }
    }

    /// The groups a verified configuration sets, with `all`; refuses another method, a signer below provincial,
    /// or a list that is not one of group ids.
    private static func groups(of verified: VerifiedCommand) throws -> [GroupID] {
        guard case .object(let call) = verified.command.call, case .string(setGroupsMethod)? = call["method"] else {
            throw SiteFailure.alertRefused(code: "unknown_configuration",
                                           reason: "a configuration must call \(setGroupsMethod)")
        }
        guard verified.role >= .provincial else {
            throw SiteFailure.alertRefused(code: "role", reason: "\(verified.signer.subject) is \(verified.role) in "
                                           + "this site's ACL; only a provincial signer may change its groups")
        }
        guard case .object(let parameters)? = call["parameters"], case .array(let list)? = parameters["groups"],
              !list.isEmpty, list.count <= maximumGroups else {
            throw SiteFailure.alertRefused(code: "malformed", reason: "parameters.groups must list 1 to "
                                           + "\(maximumGroups) group ids")
        }
        var groups: [GroupID] = []
        for item in list {
            guard case .string(let text) = item, let group = try? GroupID(text) else {
                throw SiteFailure.alertRefused(code: "malformed", reason: "\(item) is not a group id")
            }
            if !groups.contains(group) { groups.append(group) }
        }
        return groups.contains(.all) ? groups : groups + [.all]
    }

    /// The groups a signed configuration set earlier, if any.
    static func storedGroups(_ store: Store, logger: Logger) -> [GroupID]? {
        guard let text = try? store.setting(groupsSetting) else { return nil }
        guard let names = try? JSONDecoder().decode([String].self, from: Data(text.utf8)),
              case let groups = names.compactMap({ try? GroupID($0) }), groups.count == names.count, !groups.isEmpty
        else {
            logger.error("the stored uplink groups are unreadable; using uplink.groups", metadata: ["stored": "\(text)"])
            return nil
        }
        logger.notice("uplink groups from a signed configuration", metadata: [
            "groups": "\(groups.map(\.rawValue).joined(separator: ", "))",
        ])
        return groups
    }
}
