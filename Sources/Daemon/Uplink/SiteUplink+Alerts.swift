import AlertTrust
import ControlProtocol
import Foundation
import Store
import Uplink

extension SiteUplink {
    /// The varlink method an alert from the broker is audited under: it is the same signed envelope, verified and
    /// admitted by the same code, as a `PushSignedAlert` call.
    static let alertMethod = Site.PushSignedAlert.name

    /// A signed alert, update or tombstone from one of the site's group alert topics: through the same verifier,
    /// replay store and airing as `PushSignedAlert`, with the freshness rule of retained alerts (any signature age
    /// while the alert is in force: docs/call-home.md); then `alert.received` (with `code: duplicate` or
    /// `suppressed` when it changed nothing) or `alert.refused` with the verifier's code, and an audit row.
    func receiveAlert(_ message: UplinkMessage) async {
        let intake = context.signedAlerts
        let carrier = "mqtt:\(message.broker) \(message.topic)"
        let claimed = message.userProperty(UserProperty.alertName)
        let envelope = String(decoding: message.payload, as: UTF8.self)
        do {
            let verified = try await intake.verify(envelope, carrier: carrier, freshness: .untilExpiry)
            let receipt = verified.payload.content.text == nil
                ? try intake.admit(verified, carrier: carrier)
                : try await resultOnDedicatedThread(ThreadNames.speech) {
                    try intake.admit(verified, carrier: carrier)
                }
            let name = "\(verified.payload.issuer)/\(verified.payload.id)"
            report(SiteEvent(type: .alertReceived, at: context.clock.now(), alert: claimed ?? name,
                             code: receipt.outcome == "accepted" ? nil : receipt.outcome))
            audit(message, carrier: carrier, role: verified.authority.rawValue,
                  summary: "alert=\(name) sha256=\(receipt.sha256) outcome=\(receipt.outcome)", result: "ok")
        } catch let SiteFailure.alertRefused(code, reason) {
            report(SiteEvent(type: .alertRefused, at: context.clock.now(), alert: claimed, code: code,
                             message: reason))
            audit(message, carrier: carrier, role: "none", summary: "alert=\(claimed ?? "?") code=\(code)",
                  result: "io.communecast.Site.AlertRefused")
        } catch {
            logger.error("an alert from the broker could not be handled", metadata: [
                "topic": "\(message.topic)", "error": "\(error)",
            ])
            report(SiteEvent(type: .alertRefused, at: context.clock.now(), alert: claimed, code: "internal_error",
                             message: "\(error)"))
            audit(message, carrier: carrier, role: "none", summary: "alert=\(claimed ?? "?")",
                  result: "io.communecast.Site.InternalError")
        }
    }

    /// One audit row for a message from the broker, as the sockets write one for a call.
    private func audit(_ message: UplinkMessage, carrier: String, role: String, summary: String, result: String) {
        let text = "\(summary) envelope=<\(message.payload.count) bytes> retained=\(message.retained)"
        context.audit.append(AuditEntry(
            at: context.clock.now(), identity: AuditEntry.cut(carrier, toBytes: AuditEntry.maximumNameBytes),
            role: role,
            method: Self.alertMethod,
            summary: AuditEntry.cut(text, toBytes: result == "ok" ? AuditEntry.maximumSummaryBytes
                                        : AuditEntry.refusedSummaryBytes),
            result: result
        ))
        logger.notice("audit", metadata: [
            "method": "PushSignedAlert", "peer": "\(carrier)", "result": "\(result)",
        ])
    }
}
