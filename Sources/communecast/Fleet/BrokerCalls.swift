import AlertTrust
import ArgumentParser
import ControlProtocol
import Fleet
import Foundation
import Uplink

/// A site command sent to many sites through the call-home broker (`--via`, issue 15): to each site the varlink
/// call, signed with the caller's certificate, over MQTT 5 request/response. Each site maps the signer to a role
/// through its ACL and answers as over TLS; the report is the fan-out's (table, `--json`, exit status 0, 3, 1).
enum BrokerCalls {
    /// Calls `method` with `parameters` on the inventory's selection, else on every site the broker knows, and
    /// reports; `detail` says in a few words what an `ok` site answered. A site offline is reported, not called:
    /// the call would wait in its session and arrive after the 10-minute signature window. `replyKey` names the
    /// member of the reply that `--json` shows as `reply` (`health`, as the dialled fan-out shows it), else all of it.
    static func run<Method: VarlinkMethod>(
        _ what: String, _ method: Method.Type, _ parameters: Method.Parameters, broker: BrokerOptions,
        connection: ConnectionOptions, fleet: FleetOptions, json: Bool, replyKey: String? = nil,
        detail: @escaping @Sendable (Method.Reply) -> String
    ) async throws {
        let rows = try await rows(what, method, parameters, broker: broker, connection: connection,
                                  selected: fleet.isActive ? try fleet.selectedSites() : nil, replyKey: replyKey,
                                  detail: detail)
        Terminal.endProgress()
        try BrokerReport.print(what, rows, json: json)
    }

    /// Each site's row: `selected`, or every site the broker knows when `nil`.
    static func rows<Method: VarlinkMethod>(
        _ what: String, _ method: Method.Type, _ parameters: Method.Parameters, broker: BrokerOptions,
        connection: ConnectionOptions, selected: [Inventory.Site]?, replyKey: String? = nil,
        detail: @escaping @Sendable (Method.Reply) -> String
    ) async throws -> [BrokerReport.Row] {
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
        let call = JSONValue.object(["method": .string(Method.name), "parameters": try JSONValue(encoding: parameters)])
        let timeout = connection.timeout
        Terminal.progress("\(what): connecting to \(broker.via.joined(separator: ", "))")
        let office = try await broker.connect(connection)
        defer { Terminal.endProgress() }
        let rows: [BrokerReport.Row]
        do {
            let (sites, statuses) = try await BrokerReport.sites(selected, connection: office, timeout: timeout)
            let publisher = BrokerPublisher(connection: office)
            Terminal.progress("\(what): 0/\(sites.count) sites answered")
            rows = await withTaskGroup(of: (Int, BrokerReport.Row).self) { group in
                for (index, site) in sites.enumerated() {
                    group.addTask {
                        let call = SiteCall(call: call, site: site.name, commune: site.commune,
                                            status: statuses[site.name], timeout: timeout, replyKey: replyKey)
                        return (index, await call.send(signer: signer, publisher: publisher, as: method,
                                                       detail: detail))
                    }
                }
                var done: [(Int, BrokerReport.Row)] = []
                for await result in group {
                    done.append(result)
                    let ok = done.filter { $0.1.kind == .ok }.count
                    Terminal.progress("\(what): \(done.count)/\(sites.count) sites answered, \(ok) ok")
                }
                return done.sorted { $0.0 < $1.0 }.map(\.1)
            }
        } catch {
            await office.close()
            throw error
        }
        await office.close()
        return rows
    }

    /// One site's call.
    private struct SiteCall: Sendable {
        let call: JSONValue
        let site: Uplink.SiteName
        let commune: String
        let status: SiteStatus?
        let timeout: Double
        let replyKey: String?

        /// Signs the call for this site alone, sends it and waits for the reply within `timeout`.
        func send<Method: VarlinkMethod>(signer: AlertSigner, publisher: BrokerPublisher, as method: Method.Type,
                                         detail: (Method.Reply) -> String) async -> BrokerReport.Row {
            let started = ContinuousClock.now
            func row(_ kind: SiteResultKind, _ message: String?, reply: JSONValue? = nil) -> BrokerReport.Row {
                let elapsed = ContinuousClock.now - started
                var row = BrokerReport.Row(site: site.rawValue, commune: commune, kind: kind, message: message,
                                           seconds: Double(elapsed.components.seconds)
                                               + Double(elapsed.components.attoseconds) / 1e18, status: status)
                row.reply = reply
                return row
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
                let parameters = JSONValue.object(reply.parameters)
                return row(.ok, detail(try parameters.decode(as: Method.Reply.self)),
                           reply: replyKey.flatMap { parameters[$0] } ?? parameters)
            } catch BrokerError.noReply {
                return row(.timedOut, "online, but no answer within \(timeout) s")
            } catch {
                return row(.error, "\(error)")
            }
        }
    }
}
