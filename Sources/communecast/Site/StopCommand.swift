import ArgumentParser
import ControlProtocol

/// `communecast stop`: stops plays and programmes (alerts are cancelled with `alert cancel`).
struct StopCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stop", abstract: "Stop what operators queued: plays and programmes, on air and waiting."
    )

    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        let reply = try await connection.withClient { try await $0.call(Site.Stop.self, .init()) }
        print(reply.stopped.map { "stopped \($0)" } ?? "nothing to stop")
    }
}
