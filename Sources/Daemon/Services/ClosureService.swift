import Foundation
import HostSystem
import ServiceLifecycle

/// A long-running part of the daemon as a swift-service-lifecycle `Service`: `work` runs until graceful shutdown is
/// requested, then `stop` runs (fade out, flush) and the service ends. ServiceGroup stops services in reverse order.
struct ClosureService: Service, CustomStringConvertible {
    let description: String
    let work: @Sendable () async throws -> Void
    let stop: @Sendable () async -> Void

    func run() async throws {
        try await withGracefulShutdownHandler {
            try await work()
        } onGracefulShutdown: {
            Task { await stop() }
        }
    }
}

/// Runs blocking work on its own thread so it never occupies a cooperative-pool thread.
func onDedicatedThread(_ name: String, _ work: @escaping @Sendable () -> Void) async {
    await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
        NamedThread.start(name) {
            work()
            continuation.resume()
        }
    }
}
