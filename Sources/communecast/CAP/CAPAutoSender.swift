import Fleet
import Foundation

/// `cap watch`'s sending at once: a draft the policy's `auto_send` allows, complete with the drafter's signature
/// alone, goes to the inventory's sites in its audience through `alert send`'s own checks and push
/// (`SignedAlertDelivery`); each site then checks it as it checks any signed alert.
struct CAPAutoSender {
    /// The inventory the sites and their addresses and credentials come from; without one nothing is sent.
    var inventory: String?
    /// Seconds to wait for each site.
    var timeout: Double = 30

    /// Sends the signed alert file `draft`; returns what happened, for the watch's report: `sent: an-phu
    /// accepted, chau-doc unreachable (…)` or `not sent: …`.
    func send(_ draft: String) async -> String {
        guard let inventory else {
            return "not sent: the policy sends it at once, but cap watch has no --inventory to find the sites"
        }
        do {
            let ready = try await SignedAlertDelivery.checked(draft)
            let audience = ready.payload.audience
            let names = try Inventory.load(path: inventory).sites.filter { site in
                audience.sites.contains(site.name) || !Set(site.tags).isDisjoint(with: audience.tags)
                    || (!site.commune.isEmpty && audience.areas.contains(site.commune))
            }.map(\.name)
            guard !names.isEmpty else { return "not sent: no site of '\(inventory)' is in its audience" }
            // Parsed as `alert send --inventory … --site …` would parse them: ArgumentParser's options exist only so.
            let fleet = try FleetOptions.parse(["--inventory", inventory] + names.flatMap { ["--site", $0] })
            let connection = try ConnectionOptions.parse(["--timeout", "\(timeout)"])
            let results = try await FanOutReport.results("cap watch: send", fleet: fleet, connection: connection) {
                client, _ in try await SignedAlertDelivery.push(ready, with: client)
            }
            return "sent: " + results.map { result in
                let answer = result.value?.outcome ?? result.kind.rawValue + (result.message.map { " (\($0))" } ?? "")
                return "\(result.site.name) \(answer)"
            }.joined(separator: ", ")
        } catch {
            return "not sent: \(error)"
        }
    }
}
