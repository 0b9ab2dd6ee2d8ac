import ControlProtocol
import ControlServer
import Foundation
import Logging

/// A control server on a socket in a fresh temporary directory, serving a `FakeHandler`.
final class TestServer: Sendable {
    /// A logger that discards everything; tests never bootstrap the logging system.
    static let logger = Logger(label: "communecast.test", factory: { _ in SwiftLogNoOpLogHandler() })

    /// The temporary directory holding the socket.
    let directory: String
    /// The socket's path.
    let socketPath: String
    /// The handler behind the server.
    let handler = FakeHandler()
    /// The server itself.
    let server: ControlServer
    private let task: Task<Void, any Error>

    private init(configure: (inout ServerConfiguration) -> Void) async throws {
        directory = NSTemporaryDirectory() + "ccs-" + UUID().uuidString.prefix(8)
        socketPath = directory + "/run/control.sock"
        var configuration = ServerConfiguration.site(socketPath: socketPath)
        configure(&configuration)
        let server = try ControlServer(configuration: configuration, handler: handler, logger: Self.logger)
        self.server = server
        task = Task { try await server.run() }
        try await server.waitUntilListening()
    }

    /// Starts a server, runs `body` with it, and always stops it and removes its directory.
    static func with<Result>(
        _ configure: (inout ServerConfiguration) -> Void = { _ in },
        _ body: (TestServer) async throws -> Result
    ) async throws -> Result {
        let server = try await TestServer(configure: configure)
        do {
            let result = try await body(server)
            try await server.stop()
            return result
        } catch {
            try? await server.stop()
            throw error
        }
    }

    /// Starts a server that the test stops itself, to look at what stopping does; `stop()` removes its directory.
    static func start(_ configure: (inout ServerConfiguration) -> Void = { _ in }) async throws -> TestServer {
        try await TestServer(configure: configure)
    }

    /// Shuts the server down, waits for `run()` to return and removes the directory.
    func stop() async throws {
        await server.shutdown()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try await task.value
    }

    /// Opens a raw connection to the server.
    func connect() async throws -> RawSocket {
        try await RawSocket(path: socketPath)
    }
}
