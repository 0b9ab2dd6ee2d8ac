import ControlProtocol
import Foundation
import Testing

@Suite("Control server: how long a message may take to arrive")
struct MessageArrivalTests {
    /// Sends `bytes` one at a time, 100 ms apart (the pace of the attack, not a wait for an event), until the
    /// server stops taking them or the task is cancelled.
    private static func trickle(_ bytes: [UInt8], to socket: RawSocket) -> Task<Void, Never> {
        Task {
            for byte in bytes {
                guard (try? await socket.send(bytes: [byte])) != nil, !Task.isCancelled else { return }
                try? await Task.sleep(for: .milliseconds(100))
            }
        }
    }

    @Test("a message sent a byte at a time is closed at the message bound from its first byte, not the idle timeout")
    func trickledMessage() async throws {
        try await TestServer.with({
            $0.idleTimeout = .seconds(60)
            $0.messageTimeout = .seconds(1)
        }) { server in
            let socket = try await server.connect()
            let start = ContinuousClock.now
            let trickler = Self.trickle(Array(#"{"method":"io.communecast.Site.GetHealth","parameters":{}}"#.utf8),
                                        to: socket)
            defer { trickler.cancel() }
            #expect(await socket.isClosedByServer())
            let waited = ContinuousClock.now - start
            #expect(waited >= .milliseconds(900) && waited < .seconds(30), "closed after \(waited)")
            let bystander = try await server.connect()
            try await bystander.send(#"{"method":"io.communecast.Site.Play","parameters":{"media":"ok"}}"#)
            #expect(try await bystander.receive().parameters["play_id"] == .string("play:ok"))
        }
    }

    @Test("an upload has its own, longer bound once its method has arrived")
    func uploadBound() async throws {
        try await TestServer.with({
            $0.messageTimeout = .milliseconds(500)
            $0.methodMessageTimeouts = [Site.UploadMedia.name: .seconds(120)]
        }) { server in
            let socket = try await server.connect()
            try await socket.send(bytes: Array(
                #"{"method":"io.communecast.Site.UploadMedia","parameters":{"name":"slow","data":""#.utf8
            ))
            let start = ContinuousClock.now
            // 20 bytes of data over about two seconds: four times the ordinary bound.
            await Self.trickle(Array(String(repeating: "A", count: 20).utf8), to: socket).value
            #expect(ContinuousClock.now - start > .milliseconds(500))
            try await socket.send(bytes: Array(#""}}"#.utf8) + [0])
            let reply = try await socket.receive()
            #expect(try reply.decodeParameters(for: Site.UploadMedia.self).media.sizeBytes == 20)
        }
    }
}
