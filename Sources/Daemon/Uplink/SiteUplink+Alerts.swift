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
    /// `suppressed` when it changed nothing) or `alert.refused` with the verifier's code, and an audit row. An alert
    /// whose media the site lacks is completed on a task of its own while the media host is asked for it (until the
    /// alert expires), so other messages are not held up; if the media cannot be had it reports `media.missing`.
    func receiveAlert(_ message: UplinkMessage) async {
        let carrier = "mqtt:\(message.broker) \(message.topic)"
        let verified: VerifiedAlert
        do {
            verified = try await context.signedAlerts.verify(String(decoding: message.payload, as: UTF8.self),
                                                             carrier: carrier, freshness: .untilExpiry)
        } catch {
            return refused(message, carrier: carrier, verified: nil, error: error)
        }
        guard context.signedAlerts.lacksMedia(verified) else {
            return await admit(message, verified, carrier: carrier)
        }
        startFetch { await self.admit(message, verified, carrier: carrier) }
    }

    /// Fetches the media if needed, admits the alert and reports what became of it.
    private func admit(_ message: UplinkMessage, _ verified: VerifiedAlert, carrier: String) async {
        let intake = context.signedAlerts
        let claimed = message.userProperty(UserProperty.alertName)
        do {
            try await intake.ensureMedia(verified, carrier: carrier)
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
        } catch {
            refused(message, carrier: carrier, verified: verified, error: error)
        }
    }

    /// Reports and audits an alert the site will not air: refused by the verifier, its media missing, or an
    /// internal error.
    private func refused(_ message: UplinkMessage, carrier: String, verified: VerifiedAlert?, error: any Error) {
        let claimed = message.userProperty(UserProperty.alertName)
            ?? verified.map { "\($0.payload.issuer)/\($0.payload.id)" }
        let now = context.clock.now()
        switch error {
        case SiteFailure.alertRefused("media_missing", let reason):
            report(SiteEvent(type: .mediaMissing, at: now, alert: claimed, code: "media_missing", message: reason))
            if let verified { context.signedAlerts.recordMissingMedia(verified, reason: reason) }
            audit(message, carrier: carrier, role: verified?.authority.rawValue ?? "none",
                  summary: "alert=\(claimed ?? "?") code=media_missing \(reason)",
                  result: "io.communecast.Site.MediaMissing")
        case SiteFailure.alertRefused(let code, let reason):
            report(SiteEvent(type: .alertRefused, at: now, alert: claimed, code: code, message: reason))
            audit(message, carrier: carrier, role: "none", summary: "alert=\(claimed ?? "?") code=\(code)",
                  result: "io.communecast.Site.AlertRefused")
        default:
            logger.error("an alert from the broker could not be handled", metadata: [
                "topic": "\(message.topic)", "error": "\(error)",
            ])
            report(SiteEvent(type: .alertRefused, at: now, alert: claimed, code: "internal_error",
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
