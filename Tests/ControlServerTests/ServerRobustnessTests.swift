import ControlProtocol
import Foundation
import Testing

@Suite("Control server: limits and bad clients")
struct ServerRobustnessTests {
    private static let play = #"{"method":"io.communecast.Site.Play","parameters":{"media":"ok"}}"#

    @Test(
        "garbage closes that connection only",
        arguments: [
            Array("{not json".utf8),
            Array("[1,2,3]".utf8),
            Array(#"{"method":"io.communecast.Site.Play","parameters":{"media":""#.utf8) + [0xFF, 0xFE]
                + Array(#""}}"#.utf8),
            Array(#"{"parameters":{}}"#.utf8),
            [],
        ]
    )
    func garbage(message: [UInt8]) async throws {
        try await TestServer.with { server in
            let bystander = try await server.connect()
            let offender = try await server.connect()
            try await offender.send(bytes: message + [0])
            #expect(await offender.isClosedByServer())
            try await bystander.send(Self.play)
            #expect(try await bystander.receive().parameters["play_id"] == .string("play:ok"))
        }
    }

    @Test("a frame over 64 KiB closes the connection; UploadMedia may send 1 MiB")
    func frameLimits() async throws {
        try await TestServer.with { server in
            let bystander = try await server.connect()
            let oversize = try await server.connect()
            let padding = String(repeating: " ", count: 70 * 1024)
            try await oversize.send(#"{"method":"io.communecast.Site.GetHealth","parameters":{}"# + padding + "}")
            #expect(await oversize.isClosedByServer())

            let data = String(repeating: "QUJD", count: 256 * 1024)
            let upload = #"{"method":"io.communecast.Site.UploadMedia","parameters":{"name":"big","data":""#
            try await bystander.send(upload + data + #""}}"#)
            let reply = try await bystander.receive()
            #expect(try reply.decodeParameters(for: Site.UploadMedia.self).media.sizeBytes == data.utf8.count)
            try await bystander.send(Self.play)
            #expect(try await bystander.receive().parameters["play_id"] == .string("play:ok"))
        }
    }

    @Test("a silent client is dropped after the idle timeout; a streaming one is not")
    func idleTimeout() async throws {
        try await TestServer.with({ $0.idleTimeout = .milliseconds(1_500) }) { server in
            let busy = try await server.connect()
            try await busy.send(#"{"method":"io.communecast.Site.ListAlerts"}"#)
            #expect(try await eventually { server.handler.methods == [Site.ListAlerts.name] })
            // Timed from before the connection exists, so a slow connect cannot make the wait look short.
            let start = ContinuousClock.now
            let silent = try await server.connect()
            #expect(await silent.isClosedByServer())
            let waited = ContinuousClock.now - start
            #expect(waited >= .milliseconds(1_400) && waited < .seconds(30))
            // The busy connection has now been quiet for longer than the idle timeout, since before the silent one
            // connected; a second silent client, connected after that one was dropped, is dropped a full idle
            // timeout later still. Had the busy one been subject to the timeout, it would have gone first.
            let later = try await server.connect()
            #expect(await later.isClosedByServer())
            #expect(await !busy.isClosedNow(), "the streaming connection is still open")
            #expect(server.handler.cancelledWaits == 0)
        }
    }

    @Test("connections over the maximum are closed at once")
    func maxConnections() async throws {
        try await TestServer.with({ $0.maxConnections = 2 }) { server in
            var open: [RawSocket] = []
            for _ in 0..<2 {
                let socket = try await server.connect()
                try await socket.send(Self.play)
                _ = try await socket.receive()
                open.append(socket)
            }
            let third = try await server.connect()
            #expect(await third.isClosedByServer())
            for socket in open {
                try await socket.send(Self.play)
                #expect(try await socket.receive().parameters["play_id"] == .string("play:ok"))
            }
        }
    }

    @Test("the socket has mode 0660 and is removed on shutdown; a stale file is replaced")
    func socketFile() async throws {
        var path = ""
        try await TestServer.with { server in
            path = server.socketPath
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            #expect((attributes[.posixPermissions] as? Int) == 0o660)
            #expect((attributes[.type] as? FileAttributeType) == .typeSocket)
            await server.server.shutdown()
            #expect(try await eventually { !FileManager.default.fileExists(atPath: path) })
        }
        #expect(!path.isEmpty)
    }
}
