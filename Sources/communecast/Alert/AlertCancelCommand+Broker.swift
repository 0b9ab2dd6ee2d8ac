import AlertTrust
import ArgumentParser
import ControlProtocol
import Fleet
import Foundation
import Uplink

extension AlertCancelCommand {
    /// Sends `CancelAlert` to each site as a signed varlink call through the broker (MQTT 5 request/response,
    /// signed with the caller's certificate: the site maps it to a role through its ACL, as over TLS) and reports
    /// each site's answer: ok, refused (by its ACL or the method table), offline (its status, so the call would only
    /// arrive stale), timed out, or error (such as no alert of that id).
    func cancelViaBroker(_ parameters: Site.CancelAlert.Parameters) async throws {
        guard let certificate = connection.certificatePath, let key = connection.keyPath,
              let ca = connection.caPath else {
            throw CLIError("--via needs your staff certificate to sign with: --cert, --key and --ca")
        }
        let signer: AlertSigner
        do {
            signer = try await AlertSigner(certificatePath: certificate, keyPath: key, issuerPath: ca, now: Date())
        } catch {
            throw CLIError("\(error)")
        }
        let call = JSONValue.object(["method": .string(Site.CancelAlert.name),
                                     "parameters": try JSONValue(encoding: parameters)])
        let timeout = connection.timeout
        Terminal.progress("alert cancel: connecting to \(broker.via.joined(separator: ", "))")
        let office = try await broker.connect(connection)
        defer { Terminal.endProgress() }
        let rows: [BrokerReport.Row]
        do {
            let (sites, statuses) = try await BrokerReport.sites(fleet, connection: office, timeout: timeout)
            let publisher = BrokerPublisher(connection: office)
            Terminal.progress("alert cancel: 0/\(sites.count) sites answered")
            rows = await withTaskGroup(of: (Int, BrokerReport.Row).self) { group in
                for (index, site) in sites.enumerated() {
                    group.addTask {
                        let row = await Self.cancel(call, at: site.name, commune: site.commune,
                                                    status: statuses[site.name], signer: signer,
                                                    publisher: publisher, timeout: timeout)
                        return (index, row)
                    }
                }
                var done: [(Int, BrokerReport.Row)] = []
                for await result in group {
                    done.append(result)
                    let ok = done.filter { $0.1.kind == .ok }.count
                    Terminal.progress("alert cancel: \(done.count)/\(sites.count) sites answered, \(ok) ok")
                }
                return done.sorted { $0.0 < $1.0 }.map(\.1)
            }
        } catch {
            await office.close()
            throw error
        }
        await office.close()
        Terminal.endProgress()
        try BrokerReport.print("alert cancel", rows, json: json)
    }

    /// One site's cancel: signed for that site alone, sent and answered within `timeout`.
    private static func cancel(_ call: JSONValue, at site: Uplink.SiteName, commune: String, status: SiteStatus?,
                               signer: AlertSigner, publisher: BrokerPublisher, timeout: Double) async
        -> BrokerReport.Row {
        let started = ContinuousClock.now
        func row(_ kind: SiteResultKind, _ message: String?) -> BrokerReport.Row {
            let elapsed = ContinuousClock.now - started
            return BrokerReport.Row(site: site.rawValue, commune: commune, kind: kind, message: message,
                                    seconds: Double(elapsed.components.seconds)
                                        + Double(elapsed.components.attoseconds) / 1e18, status: status)
        }
        guard let status, status.state == .online else {
            return row(.offline, status == nil ? "the broker has no status for this site: it never connected"
                       : "offline since session \(status?.session ?? 0) ended: a call would arrive too late")
        }
        do {
            let command = SignedCommand(call: call, id: UUID().uuidString.lowercased(), to: site.rawValue)
            var envelope = AlertEnvelope(payloadBytes: command.jsonBytes)
            try signer.sign(&envelope, part: .draft, at: Date())
            let answer = try await publisher.request(site: site, payload: envelope.serialized(),
                                                     timeout: .milliseconds(Int64(timeout * 1_000)))
            let reply = try VarlinkReply(decoding: answer.payload)
            if let error = reply.error {
                let said = ["code", "reason"].compactMap { key -> String? in
                    if case .string(let text)? = reply.parameters[key] { return text }
                    return nil
                }
                let kind: SiteResultKind = error == VarlinkError.permissionDenied.name ? .refused : .error
                return row(kind, ([error] + said).joined(separator: ": "))
            }
            let cancelled = try JSONValue.object(reply.parameters).decode(as: Site.CancelAlert.Reply.self)
            return row(.ok, brief(cancelled))
        } catch BrokerError.noReply {
            return row(.timedOut, "online, but no answer within \(timeout) s")
        } catch {
            return row(.error, "\(error)")
        }
    }
}
