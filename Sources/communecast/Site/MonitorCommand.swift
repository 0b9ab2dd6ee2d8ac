import ArgumentParser
import ControlProtocol
import Foundation

/// `communecast monitor`: follows the site's events live until Ctrl-C.
struct MonitorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "monitor", abstract: "Follow the site's events live: plays, preemptions, alerts, device state."
    )

    @OptionGroup var connection: ConnectionOptions

    @Flag(help: "Print one JSON object per event.")
    var json = false

    func run() async throws {
        try await connection.withClient { client in
            for try await reply in client.stream(Site.Monitor.self, .init()) {
                let event = reply.event
                if json {
                    try Terminal.printJSON(event)
                } else {
                    let parts = [event.at, event.kind.rawValue, event.level?.rawValue, event.media, event.source,
                                 event.outcome?.rawValue, event.deviceState?.rawValue, event.reason]
                    print(parts.compactMap { $0 }.joined(separator: "  "))
                }
                fflush(nil)
            }
        }
    }
}
