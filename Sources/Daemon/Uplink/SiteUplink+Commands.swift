import AlertTrust
import ControlProtocol
import ControlServer
import Foundation
import Store
import Uplink

extension SiteUplink {
    /// A signed varlink call on the site's command topic or a group's (MQTT 5 request/response): verified against
    /// the pinned CA and the ACL with the signature window, refused if its id was seen within the window, then
    /// handed to the control server's dispatcher as a call from the signer with its ACL role, exactly as over TLS
    /// (same method table, limits and audit log). The varlink reply goes to the request's Response Topic, or for a
    /// group command to the reply topic the site builds from `cc-reply` under its own tree.
    func receiveCommand(_ message: UplinkMessage) async {
        let carrier = "mqtt:\(message.broker) \(message.topic)"
        guard let replyTopic = replyTopic(for: message) else {
            logger.warning("a command without a usable reply topic was ignored", metadata: ["carrier": "\(carrier)"])
            auditRefusal(message, carrier: carrier, code: "no_response_topic")
            return
        }
        var recipients: Set<String> = [site.rawValue]
        for group in groups { recipients.insert("group:\(group)") }
        let reply: VarlinkReply
        do {
            let verified = try await context.signedAlerts.verifyCommand(message.payload, recipients: recipients,
                                                                       carrier: carrier)
            if let seen = try remember(verified) {
                logger.warning("signed command replayed", metadata: ["id": "\(verified.command.id)",
                                                                     "first_signed": "\(seen)"])
                auditRefusal(message, carrier: carrier, code: "replayed")
                reply = Self.refusal("replayed", "command \(verified.command.id) was already answered")
            } else {
                let peer = PeerIdentity(
                    transport: .broker(subject: verified.signer.subject, fingerprint: verified.signer.fingerprint),
                    userName: nil, groupNames: [], role: verified.role
                )
                reply = await server.answer(frame: verified.frame, from: peer)
            }
        } catch let SiteFailure.alertRefused(code, reason) {
            auditRefusal(message, carrier: carrier, code: code)
            reply = Self.refusal(code, reason)
        } catch {
            logger.error("a command could not be handled", metadata: ["error": "\(error)"])
            reply = VarlinkReply(error: VarlinkError(name: "io.communecast.Site.InternalError"))
        }
        var frame = VarlinkFrameEncoder.frame(reply)
        if frame.last == 0 { frame.removeLast() }
        do {
            _ = try await client.publish(OutgoingMessage(topic: replyTopic, payload: frame,
                                                         correlationData: message.correlationData,
                                                         contentType: "application/json"), within: .seconds(60))
        } catch {
            logger.warning("cannot send a command's reply", metadata: ["error": "\(error)"])
        }
    }

    /// Where the reply goes: the Response Topic of a command to this site, if it lies in the site's reply tree; for a
    /// group command, the site's own reply topic for the office and request named in `cc-reply`.
    private func replyTopic(for message: UplinkMessage) -> String? {
        if case .groupCommand? = scheme.parse(message.topic) {
            // Both parts must be single topic levels, by the rule of site names: nothing can reach another tree.
            guard let value = message.userProperty(UserProperty.replyName), let slash = value.firstIndex(of: "/"),
                  let office = try? Uplink.SiteName(String(value[..<slash])),
                  let request = try? Uplink.SiteName(String(value[value.index(after: slash)...])) else { return nil }
            return scheme.reply(site: site, office: office.rawValue, request: request.rawValue)
        }
        guard let topic = message.responseTopic, topic.hasPrefix(scheme.replyPrefix(site: site)) else { return nil }
        return topic
    }

    /// Records a verified command's id in the store; returns when it was first signed if it was already there.
    /// Ids older than the signature window are forgotten: such a copy is refused as too old anyway.
    func remember(_ verified: VerifiedCommand) throws -> Date? {
        let policy = context.configuration.alerts.policy
        let window = policy.maximumSignatureAge + policy.maximumClockAhead
        return try context.store.rememberCommand(id: verified.command.id, signedAt: verified.issuedAt,
                                                 forgetBefore: context.clock.now().addingTimeInterval(-window))
    }

    /// `PermissionDenied` with the verifier's code and sentence.
    private static func refusal(_ code: String, _ reason: String) -> VarlinkReply {
        VarlinkReply(error: VarlinkError(name: VarlinkError.permissionDenied.name,
                                         parameters: ["code": .string(code), "reason": .string(reason)]))
    }

    /// The audit row of a refused command, with the method it named when it can be read.
    func auditRefusal(_ message: UplinkMessage, carrier: String, code: String) {
        let method = Self.claimedMethod(message.payload) ?? "?"
        context.audit.append(AuditEntry(
            at: context.clock.now(), identity: AuditEntry.cut(carrier, toBytes: AuditEntry.maximumNameBytes),
            role: "none",
            method: AuditEntry.cut(method, toBytes: AuditEntry.maximumNameBytes),
            summary: AuditEntry.cut("signed command refused: \(code) (\(message.payload.count) bytes)",
                                    toBytes: AuditEntry.refusedSummaryBytes),
            result: VarlinkError.permissionDenied.name
        ))
        logger.notice("audit", metadata: ["method": "\(method)", "peer": "\(carrier)", "result": "refused \(code)"])
    }

    /// The method a refused command's unverified payload names, for the audit log only.
    private static func claimedMethod(_ bytes: [UInt8]) -> String? {
        guard let envelope = try? AlertEnvelope.parse(bytes, maximumSignatures: 4),
              case .object(let members)? = try? JSONParser().parse(envelope.payloadBytes),
              case .object(let call)? = members["call"], case .string(let method)? = call["method"] else { return nil }
        return method
    }
}
