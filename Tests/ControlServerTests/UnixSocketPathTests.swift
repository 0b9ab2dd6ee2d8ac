import ControlProtocol
import ControlServer
import Foundation
import Testing

/// The Unix socket's own I/O path (a thread per connection): what a thread per client must never let happen.
@Suite("Control server: the Unix socket's connection threads")
struct UnixSocketPathTests {
    @Test("a client that never reads its replies holds up only itself, and the server still stops")
    func clientThatDoesNotRead() async throws {
        try await TestServer.with { server in
            let stuck = try await server.connect()
            // 1,000 polls in one go: their replies (about 400 bytes each) overflow the socket's buffers, so the
            // stuck client's thread waits to write while the rest of its calls wait behind.
            let polls = Array(repeating: Array((RawCalls.health + "\0").utf8), count: 1_000).flatMap { $0 }
            try await stuck.send(bytes: polls)
            #expect(try await eventually { server.handler.memoryAnswers.count > 10 })
            let other = try await server.connect()
            for index in 0..<20 {
                try await other.send(RawCalls.health)
                #expect(try await other.receive().decodeParameters(for: Site.GetHealth.self).health.site
                    == "from-memory")
                try await other.send(RawCalls.play("p\(index)"))
                #expect(try await other.receive().parameters["play_id"] == .string("play:p\(index)"))
            }
            #expect(server.handler.memoryAnswers.count < 1_000)
        }
    }

    @Test("a client that vanishes in the middle of a call gives its slot back; others are served meanwhile")
    func vanishedClientFreesItsSlot() async throws {
        try await TestServer.with({ $0.maxConnections = 2 }) { server in
            let staying = try await server.connect()
            var vanishing: RawSocket? = try await server.connect()
            try await vanishing?.send(RawCalls.play("slow"))
            try await staying.send(RawCalls.play("meanwhile"))
            #expect(try await staying.receive().parameters["play_id"] == .string("play:meanwhile"))
            vanishing = nil
            // The slot comes back once the thread has seen the client go; until then a newcomer is closed at once.
            var served = false
            let deadline = ContinuousClock.now + .seconds(60)
            while !served, ContinuousClock.now < deadline {
                // A newcomer refused is closed before or after it sends; either way it gets no reply.
                let newcomer = try await server.connect()
                try? await newcomer.send(RawCalls.health)
                served = (try? await newcomer.receive()) != nil
            }
            #expect(served)
            try await staying.send(RawCalls.health)
            #expect(try await staying.receive().parameters["health"] != nil)
        }
    }

    @Test("stopping answers the calls already sent, ends a stream, closes idle connections and removes the socket")
    func stopWithOpenConnections() async throws {
        let server = try await TestServer.start()
        let idle = try await server.connect()
        try await idle.send(RawCalls.health)
        _ = try await idle.receive()
        let working = try await server.connect()
        try await working.send(RawCalls.health)
        _ = try await working.receive()
        let streaming = try await server.connect()
        try await streaming.send(#"{"method":"io.communecast.Site.ListAlerts","more":true}"#)
        try await working.send(RawCalls.play("slow") + "\0" + RawCalls.play("queued"))
        #expect(try await eventually { server.handler.methods.contains(Site.ListAlerts.name) })
        try await server.stop()
        // Both calls the working client sent got a final reply (cancelled by the stop, so the handler says why).
        for _ in 0..<2 {
            #expect(try await working.receive().continues == false)
        }
        #expect(await working.isClosedByServer())
        #expect(server.handler.cancelledWaits == 1)
        #expect(try await streaming.receive().varlinkError == .methodNotImplemented(Site.ListAlerts.name))
        #expect(await streaming.isClosedByServer())
        #expect(await idle.isClosedByServer())
        #expect(!FileManager.default.fileExists(atPath: server.socketPath))
    }
}
