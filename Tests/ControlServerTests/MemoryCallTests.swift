import CommuneCastTesting
import ControlProtocol
import ControlServer
import Fleet
import Foundation
import Testing

@Suite("Control server: calls answered from memory on the event loop")
struct MemoryCallTests {
    private static let health = #"{"method":"io.communecast.Site.GetHealth","parameters":{}}"#

    private static func play(_ media: String) -> String {
        #"{"method":"io.communecast.Site.Play","parameters":{"media":"\#(media)"}}"#
    }

    @Test("GetHealth is answered on the event loop from the handler's memory, never through handle")
    func answeredOnTheLoop() async throws {
        try await TestServer.with { server in
            let socket = try await server.connect()
            // The first call may arrive before the connection's task has identified the peer; it is then answered
            // from memory by the task. Once its reply is out, the loop knows the peer.
            for _ in 0..<4 {
                try await socket.send(Self.health)
                let reply = try await socket.receive()
                #expect(try reply.decodeParameters(for: Site.GetHealth.self).health == FakeHandler.health)
            }
            #expect(server.handler.memoryAnswers.count == 4)
            #expect(server.handler.memoryAnswers.dropFirst() == [true, true, true])
            #expect(server.handler.methods.isEmpty)
        }
    }

    @Test("a call answered from memory never overtakes the reply to an earlier call on the same connection")
    func keepsOrderBehindASlowCall() async throws {
        try await TestServer.with { server in
            let socket = try await server.connect()
            try await socket.send(Self.health)
            _ = try await socket.receive()
            let calls = [Self.play("slow"), Self.health, Self.play("fast"), Self.health]
            try await socket.send(bytes: Array(calls.map { $0 + "\0" }.joined().utf8))
            var answers: [String] = []
            for _ in calls {
                let reply = try await socket.receive()
                if case .string(let id)? = reply.parameters["play_id"] {
                    answers.append(id)
                } else {
                    answers.append(try reply.decodeParameters(for: Site.GetHealth.self).health.site)
                }
            }
            #expect(answers == ["play:slow", "from-memory", "play:fast", "from-memory"])
            // Those behind the slow call were answered from memory in turn, by the Unix connection's thread once the
            // slow call's reply was out (on the NIO path, TLS, the connection's task answers them).
            #expect(server.handler.memoryAnswers.dropFirst() == [true, true])
            #expect(server.handler.methods == [Site.Play.name, Site.Play.name])
            // And so is the next one.
            try await socket.send(Self.health)
            _ = try await socket.receive()
            #expect(server.handler.memoryAnswers.last == true)
        }
    }

    @Test("a oneway call answered from memory gets no reply; a malformed one is refused as before")
    func onewayAndRefusals() async throws {
        try await TestServer.with { server in
            let socket = try await server.connect()
            try await socket.send(Self.health)
            _ = try await socket.receive()
            try await socket.send(#"{"method":"io.communecast.Site.GetHealth","oneway":true}"#)
            try await socket.send(#"{"method":"io.communecast.Site.GetHealth","parameters":[]}"#)
            #expect(try await socket.receive().varlinkError == .invalidParameter("parameters"))
            try await socket.send(Self.play("after"))
            #expect(try await socket.receive().parameters["play_id"] == .string("play:after"))
            #expect(server.handler.memoryAnswers.dropFirst() == [true])
        }
    }

    @Test("roles are checked on the fast path: a peer whose role is too low or was revoked is refused and audited")
    func rolesOnTheFastPath() async throws {
        let pki = try TestPKI.shared()
        let authorizer = TableAuthorizer(["giam-sat": .monitor])
        let tls = try TLSFixtures.listener(pki, authorizer: authorizer)
        let configure: (inout ServerConfiguration) -> Void = {
            $0.tls = tls
            $0.requiredRoles[Site.GetHealth.name] = .operator
        }
        try await TestServer.with(configure) { server in
            let client = try await VarlinkClient.connect(
                to: try TLSFixtures.address(of: server), tls: try TLSFixtures.credentials(pki, "giam-sat"),
                logger: TestServer.logger
            )
            await #expect(throws: ClientError.permissionDenied(method: Site.GetHealth.name, needs: .monitor)) {
                try await client.call(Site.GetHealth.self, .init())
            }
            authorizer.set("giam-sat", .operator)
            #expect(try await client.call(Site.GetHealth.self, .init()).health.site == "from-memory")
            authorizer.set("giam-sat", nil)
            await #expect(throws: ClientError.permissionDenied(method: Site.GetHealth.name, needs: .monitor)) {
                try await client.call(Site.GetHealth.self, .init())
            }
            await client.close()
            #expect(server.handler.memoryAnswers == [true])
            #expect(server.handler.refusals == [Site.GetHealth.name, Site.GetHealth.name])
        }
    }
}
