import ControlProtocol
import ControlServer
import Foundation
import Logging
import Playout
import Store

/// Answers every `io.communecast.Site` call. The server has already checked the interface, the parameters' kinds
/// and the method's least role; this adds the role rules that depend on the arguments (only provincial staff may
/// push an emergency), does the work, and writes every call of a method that changes the site to the audit log with
/// its result. Both rules come from the method table (`VarlinkMethod.requiredRole(for:)`, `changesState`).
final class SiteHandler: ControlHandler {
    let site: SiteContext

    /// How long a `PushSignedAlert` call waits for media fetched from the media host before it answers
    /// `media_missing` (the caller's own deadline is about 30 s); a copy from the broker waits until the expiry.
    static let mediaFetchSeconds: TimeInterval = 20

    init(site: SiteContext) {
        self.site = site
    }

    func handle(_ call: VarlinkCall, from peer: PeerIdentity, replies: ReplyWriter) async {
        let member = call.memberName
        let changesState = Site.methodsChangingState.contains(call.method)
        do {
            try await dispatch(member, call, peer: peer, replies: replies)
            if changesState { audit(call, peer: peer, result: "ok") }
        } catch {
            let varlinkError = SiteFailure.varlinkError(for: error)
            if changesState || varlinkError == .permissionDenied {
                audit(call, peer: peer, result: varlinkError.name, error: varlinkError)
            } else {
                site.logger.info("call refused", metadata: ["method": "\(member)", "peer": "\(peer.description)",
                                                            "error": "\(varlinkError)"])
            }
            await replies.fail(varlinkError)
        }
    }

    /// Answers `GetHealth` from the snapshot kept in memory, on the event loop; every other call goes to `handle`.
    func answerFromMemory(_ call: VarlinkCall, from peer: PeerIdentity) -> PreparedReply? {
        call.method == Site.GetHealth.name ? site.health.preparedReply() : nil
    }

    /// Records a call the server refused for lack of role.
    func refused(_ call: VarlinkCall, from peer: PeerIdentity) async {
        audit(call, peer: peer, result: VarlinkError.permissionDenied.name)
    }

    private func dispatch(_ member: String, _ call: VarlinkCall, peer: PeerIdentity, replies: ReplyWriter) async throws {
        switch member {
        case "GetHealth":
            try await replies.send(Site.GetHealth.self, .init(health: site.health.snapshot().health))
        case "Monitor":
            await monitor(replies: replies)
        case "UploadMedia":
            let parameters = try parameters(Site.UploadMedia.self, of: call, from: peer)
            let stored = try site.media.upload(name: parameters.name, base64: parameters.data)
            try await site.schedules.mediaChangedInTurn()
            try await replies.send(Site.UploadMedia.self, .init(media: SiteMapping.media(stored.record),
                                                                deduplicated: stored.deduplicated))
        case "ListMedia":
            let names = try site.store.listMediaNames().map(SiteMapping.media)
            try await replies.send(Site.ListMedia.self, .init(media: names))
        case "DeleteMedia":
            let parameters = try parameters(Site.DeleteMedia.self, of: call, from: peer)
            let removal = try site.media.delete(parameters.name, alsoUsedBy: site.schedules.fileMediaReferences())
            try await site.schedules.mediaChangedInTurn()
            let kept: Site.MediaInfo? = if case .name = removal { SiteMapping.media(removal.record) } else { nil }
            try await replies.send(Site.DeleteMedia.self, .init(kept: kept))
        case "Play":
            let parameters = try parameters(Site.Play.self, of: call, from: peer)
            try await replies.send(Site.Play.self, .init(playId: try site.play(parameters)))
        case "PushAlert":
            let parameters = try parameters(Site.PushAlert.self, of: call, from: peer)
            let role = peer.role ?? .monitor
            if case .broker = peer.transport {
                throw SiteFailure.alertRefused(code: "unsigned_over_broker", reason: "an alert through the broker "
                                               + "must be a signed alert on a group's alert topic")
            }
            if case .tls = peer.transport, !site.configuration.alerts.acceptUnsignedOverTLS {
                throw SiteFailure.alertRefused(
                    code: "unsigned_over_tls", reason: "this site refuses unsigned alerts over TLS; send a signed "
                        + "alert (communecast alert send), or set alerts.accept_unsigned_over_tls while the "
                        + "province moves to signed alerts"
                )
            }
            let result = try await pushAlert(parameters, issuer: peer.alertIssuer, role: role)
            try await replies.send(Site.PushAlert.self, .init(alert: site.alert(result.record),
                                                              duplicate: result.duplicate))
        case "PushSignedAlert":
            let parameters = try parameters(Site.PushSignedAlert.self, of: call, from: peer)
            let intake = site.signedAlerts
            let carrier = peer.description
            let verified = try await intake.verify(parameters.envelope, carrier: carrier)
            try await intake.ensureMedia(verified, carrier: carrier,
                                         until: site.clock.now().addingTimeInterval(Self.mediaFetchSeconds))
            let receipt = verified.payload.content.text == nil
                ? try intake.admit(verified, carrier: carrier)
                : try await resultOnDedicatedThread(ThreadNames.speech) { try intake.admit(verified, carrier: carrier) }
            let closed = receipt.admission.closed.map(site.alert)
            try await replies.send(Site.PushSignedAlert.self, .init(
                outcome: receipt.outcome, sha256: receipt.sha256, alert: receipt.admission.stored.map(site.alert),
                closed: closed.isEmpty ? nil : closed
            ))
        case "CancelAlert":
            let parameters = try parameters(Site.CancelAlert.self, of: call, from: peer)
            let records = try site.alerts.cancel(id: parameters.id, issuer: parameters.issuer,
                                                 role: peer.role ?? .monitor, by: peer.who)
            let issuer = peer.alertIssuer
            guard let first = records.first(where: { $0.issuer == issuer }) ?? records.max(by: { $0.level < $1.level })
            else { throw VarlinkError.notFound(what: "alert", name: parameters.id) }
            try await replies.send(Site.CancelAlert.self, .init(alert: site.alert(first),
                                                                cancelled: records.map(site.alert)))
        case "ListAlerts":
            let alerts = try site.store.listAlerts(includeFinished: true).map(site.alert)
            try await replies.send(Site.ListAlerts.self, .init(alerts: alerts))
        case "GetAsRunLog":
            let parameters = try parameters(Site.GetAsRunLog.self, of: call, from: peer)
            try await replies.send(Site.GetAsRunLog.self, .init(entries: try site.asRun(parameters)))
        case "SetVolume":
            let parameters = try parameters(Site.SetVolume.self, of: call, from: peer)
            try await replies.send(Site.SetVolume.self, .init(volumeDb: try site.setVolume(parameters.db)))
        case "Stop":
            try await replies.send(Site.Stop.self, .init(stopped: site.stopPlays(by: peer.who)))
        case "AddSchedule":
            let parameters = try parameters(Site.AddSchedule.self, of: call, from: peer)
            let (entry, conflicts, outcome) = try await site.schedules.addInTurn(
                name: parameters.name, yaml: parameters.yaml, afterConflict: parameters.afterConflict ?? false,
                replace: parameters.replace ?? true
            )
            if outcome != .unchanged { site.announceScheduleChange("schedule '\(entry.id)' \(outcome.rawValue)") }
            try await replies.send(Site.AddSchedule.self, .init(schedule: site.schedule(entry), conflicts: conflicts,
                                                                outcome: outcome.rawValue))
        case "ListSchedules":
            try await replies.send(Site.ListSchedules.self, .init(schedules: site.schedules.schedules.map {
                site.schedule($0)
            }))
        case "ShowSchedule":
            let parameters = try parameters(Site.ShowSchedule.self, of: call, from: peer)
            let entry = try site.schedules.schedule(id: parameters.id)
            try await replies.send(Site.ShowSchedule.self, .init(schedule: site.schedule(entry), yaml: entry.yaml,
                                                                 upcoming: site.upcoming(entry, count: 10)))
        case "RemoveSchedule":
            let parameters = try parameters(Site.RemoveSchedule.self, of: call, from: peer)
            try await site.schedules.removeInTurn(id: parameters.id)
            site.announceScheduleChange("schedule '\(parameters.id)' removed")
            try await replies.send(Site.RemoveSchedule.self, .init())
        case "ReloadSchedules":
            let site = site
            let problems = try await site.schedules.work.run { site.reloadSchedules(trigger: "ReloadSchedules") }
            try await replies.send(Site.ReloadSchedules.self, .init(schedules: site.schedules.schedules.map {
                site.schedule($0)
            }, problems: problems, warnings: site.schedules.scheduleWarnings))
        default:
            throw VarlinkError.methodNotImplemented(call.method)
        }
    }

    /// Decodes a call's parameters and checks the role they need (`VarlinkMethod.requiredRole(for:)`); the server
    /// has already checked the method's least role.
    private func parameters<Method: VarlinkMethod>(
        _ method: Method.Type, of call: VarlinkCall, from peer: PeerIdentity
    ) throws -> Method.Parameters {
        let parameters = try call.decodeParameters(for: method)
        guard (peer.role ?? .monitor) >= method.requiredRole(for: parameters) else {
            throw VarlinkError.permissionDenied
        }
        return parameters
    }

    /// Records a push; one carrying text is spoken first, before the reply, on a thread of its own.
    private func pushAlert(
        _ parameters: Site.PushAlert.Parameters, issuer: String, role: Role
    ) async throws -> AlertPushResult {
        guard parameters.text != nil else { return try site.alerts.push(parameters, issuer: issuer, role: role) }
        return try await resultOnDedicatedThread(ThreadNames.speech) { [site] in
            try site.alerts.push(parameters, issuer: issuer, role: role)
        }
    }

    /// Streams events until the client goes away or the daemon shuts down.
    private func monitor(replies: ReplyWriter) async {
        let subscription = site.hub.subscribe()
        defer { subscription.finish() }
        for await item in subscription {
            let event: Site.Event
            switch item {
            case .event(let next):
                event = next
            case .gap(let lost):
                site.logger.notice("a Monitor client missed events it did not read in time", metadata: [
                    "monitor": "\(subscription.id)", "lost": "\(lost)",
                ])
                let reason = "\(lost) event\(lost == 1 ? "" : "s") lost: this client did not read them in time"
                event = Site.Event(kind: .eventsLost, at: Timestamps.format(site.clock.now()), reason: reason,
                                   lost: lost)
            }
            let sent = (try? await replies.send(Site.Monitor.self, .init(event: event), continues: true)) ?? false
            if !sent { return }
        }
        let closing = Site.Event(kind: .configReload, at: Timestamps.format(site.clock.now()),
                                 reason: "daemon shutting down")
        _ = try? await replies.send(Site.Monitor.self, .init(event: closing))
    }

    /// Writes the audit row and a log line; a refusal's log line carries the whole error (its reason too), so the
    /// site's log says why as well as the caller's screen. A refused call keeps only
    /// ``AuditEntry/refusedSummaryBytes`` of its parameters: its sender may be anyone who reached the socket, and
    /// the log must not be theirs to fill.
    private func audit(_ call: VarlinkCall, peer: PeerIdentity, result: String, error: VarlinkError? = nil) {
        let refused = result == VarlinkError.permissionDenied.name
        // An unsigned alert is audited as such (issue 14's transitional rule), so the audit log shows who still
        // sends them.
        let summary = Self.summary(of: call) + (call.memberName == "PushAlert" ? " unsigned" : "")
        site.audit.append(AuditEntry(
            at: site.clock.now(), identity: peer.description, role: peer.role?.rawValue ?? "none", method: call.method,
            summary: refused ? AuditEntry.cut(summary, toBytes: AuditEntry.refusedSummaryBytes) : summary,
            result: result
        ))
        var metadata: Logger.Metadata = [
            "method": "\(AuditEntry.cut(call.memberName, toBytes: AuditEntry.maximumNameBytes))",
            "peer": "\(peer.description)", "result": "\(result)",
        ]
        if let error { metadata["error"] = "\(error)" }
        site.logger.notice("audit", metadata: metadata)
    }

    /// The call's parameters for the audit log, as compact JSON values, with bulk data replaced by its size.
    static func summary(of call: VarlinkCall) -> String {
        call.parameters.sorted { $0.key < $1.key }.map { key, value in
            if key == "data", case .string(let text) = value { return "data=<\(text.utf8.count) base64 chars>" }
            if key == "envelope", case .string(let text) = value { return "envelope=<\(text.utf8.count) bytes>" }
            return "\(key)=" + String(decoding: JSONWriter.bytes(of: value), as: UTF8.self)
        }.joined(separator: " ")
    }
}
