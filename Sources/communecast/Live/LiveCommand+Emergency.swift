import AlertTrust
import ControlProtocol
import Foundation

extension LiveCommand {
    /// The signed alert of an actual emergency, checked (complete signatures, as `alert send` checks) and naming
    /// this mount as its stream at emergency level; nil for anything else.
    func signedAlert() async throws -> SignedAlertDelivery.Ready? {
        guard level == .emergency, let file = emergency.signed else { return nil }
        let ready = try await SignedAlertDelivery.checked(file)
        let payload = ready.payload
        guard payload.level == .emergency, payload.status == .actual, payload.messageType == .alert else {
            throw CLIError("'\(file)': an actual live emergency broadcast needs an actual emergency alert, not a "
                           + "\(payload.status.rawValue) \(payload.level.rawValue) \(payload.messageType.rawValue)")
        }
        guard payload.content.stream?.contains(mount) == true else {
            throw CLIError("'\(file)': the alert does not name \(mount) as its stream; draft it with "
                           + "alert draft --stream \(mount)")
        }
        return ready
    }

    /// Makes the sites relay the mount at emergency level, once the broadcast is on air: the signed alert, or an
    /// unsigned exercise or test. Returns the alert id.
    func alertSites(_ ready: SignedAlertDelivery.Ready?) async throws -> String {
        if let ready {
            if fleet.isActive {
                try await FanOutReport.run("live: alert send", fleet: fleet, connection: connection, json: false,
                                           detail: { (reply: Site.PushSignedAlert.Reply) in reply.outcome }) {
                    client, _ in try await SignedAlertDelivery.push(ready, with: client)
                }
            } else {
                let reply = try await connection.withClient { try await SignedAlertDelivery.push(ready, with: $0) }
                Terminal.standardError("live: the site relays \(mount): signed alert \(ready.payload.id) "
                                       + reply.outcome)
            }
            return ready.payload.id
        }
        let push = Site.PushAlert.Parameters(
            id: emergency.id ?? UUID().uuidString.lowercased(), tone: true, level: .emergency,
            status: emergency.status, stream: [mount], durationS: emergency.duration.map { Int($0.seconds.rounded()) }
        )
        if fleet.isActive {
            try await FanOutReport.run("live: alert push", fleet: fleet, connection: connection, json: false,
                                       detail: { (reply: Site.PushAlert.Reply) in reply.alert.state.rawValue }) {
                client, _ in try await client.call(Site.PushAlert.self, push)
            }
        } else {
            let reply = try await connection.withClient { try await $0.call(Site.PushAlert.self, push) }
            Terminal.standardError("live: the site relays \(mount): emergency \(emergency.status.rawValue) alert "
                                   + "\(reply.alert.id), \(reply.alert.state.rawValue)")
        }
        return push.id
    }

    /// Ends an unsigned exercise or test on the sites when the broadcast ends before its duration, so they do not
    /// play the fallback for the rest; a signed alert keeps its duration (its cancel needs its own signature).
    func endAlert(_ id: String) async {
        guard emergency.signed == nil else { return }
        do {
            if fleet.isActive {
                try await FanOutReport.run("live: alert cancel", fleet: fleet, connection: connection, json: false,
                                           detail: { (reply: Site.CancelAlert.Reply) in reply.alert.state.rawValue }) {
                    client, _ in try await client.call(Site.CancelAlert.self, .init(id: id))
                }
            } else {
                _ = try await connection.withClient { try await $0.call(Site.CancelAlert.self, .init(id: id)) }
                Terminal.standardError("live: alert \(id) ended on the site")
            }
        } catch {
            Terminal.standardError("live: cannot end alert \(id) on the sites: \(error)")
        }
    }
}
