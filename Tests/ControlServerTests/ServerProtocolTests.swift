import ControlProtocol
import Foundation
import Testing

@Suite("Control server: varlink protocol")
struct ServerProtocolTests {
    @Test("GetInfo lists the interfaces and GetInterfaceDescription serves the IDL")
    func serviceInterface() async throws {
        try await TestServer.with { server in
            let socket = try await server.connect()
            try await socket.send(#"{"method":"org.varlink.service.GetInfo"}"#)
            let info = try await socket.receive()
            #expect(info.error == nil)
            #expect(info.parameters["version"] == .string("9.9.9"))
            let names = [ServiceInterface.name, SiteInterface.name].map(JSONValue.string)
            #expect(info.parameters["interfaces"] == .array(names))
            let describe = #"{"method":"org.varlink.service.GetInterfaceDescription","parameters":{"interface":"#
            try await socket.send(describe + #""io.communecast.Site"}}"#)
            #expect(try await socket.receive().parameters["description"] == .string(SiteInterface.description))
            try await socket.send(describe + #""org.varlink.service"}}"#)
            #expect(try await socket.receive().parameters["description"] == .string(ServiceInterface.description))
            try await socket.send(describe + #""org.example.Nope"}}"#)
            #expect(try await socket.receive().varlinkError == .interfaceNotFound("org.example.Nope"))
        }
    }

    @Test(
        "refuses calls the interface does not allow",
        arguments: [
            (#"{"method":"org.example.Nope.Hello"}"#, VarlinkError.interfaceNotFound("org.example.Nope")),
            (#"{"method":"io.communecast.Site.Hello"}"#, .methodNotFound("io.communecast.Site.Hello")),
            (#"{"method":"org.varlink.service.Hello"}"#, .methodNotFound("org.varlink.service.Hello")),
            (#"{"method":"io.communecast.Site.Play","parameters":{"media":5}}"#, .invalidParameter("media")),
            (#"{"method":"io.communecast.Site.SetVolume","parameters":{}}"#, .invalidParameter("db")),
            (#"{"method":"io.communecast.Site.Monitor"}"#, .expectedMore),
            (#"{"method":"NoInterface"}"#, .methodNotFound("NoInterface")),
            (#"{"method":"io.communecast.Site.Stop","parameters":[]}"#, .invalidParameter("parameters")),
        ]
    )
    func refusals(call: String, expected: VarlinkError) async throws {
        try await TestServer.with { server in
            let socket = try await server.connect()
            try await socket.send(call)
            #expect(try await socket.receive().varlinkError == expected)
            try await socket.send(#"{"method":"io.communecast.Site.Play","parameters":{"media":"after"}}"#)
            #expect(try await socket.receive().parameters["play_id"] == .string("play:after"))
            #expect(server.handler.methods == [Site.Play.name])
        }
    }

    @Test("a more call streams replies marked continues, then a final one")
    func streaming() async throws {
        try await TestServer.with { server in
            let socket = try await server.connect()
            try await socket.send(#"{"method":"io.communecast.Site.Monitor","more":true}"#)
            var replies: [VarlinkReply] = []
            repeat {
                replies.append(try await socket.receive())
            } while replies.last?.continues == true
            #expect(replies.count == FakeHandler.streamCount + 1)
            #expect(replies.dropLast().allSatisfy { $0.continues })
            let events = try replies.map { try $0.decodeParameters(for: Site.Monitor.self).event.media }
            #expect(events == (0...FakeHandler.streamCount).map { "m\($0)" })
        }
    }

    @Test("a oneway call is handled but gets no reply")
    func oneway() async throws {
        try await TestServer.with { server in
            let socket = try await server.connect()
            try await socket.send(#"{"method":"io.communecast.Site.Stop","oneway":true}"#)
            try await socket.send(#"{"method":"io.communecast.Site.Nope","oneway":true}"#)
            try await socket.send(#"{"method":"io.communecast.Site.Play","parameters":{"media":"next"}}"#)
            #expect(try await socket.receive().parameters["play_id"] == .string("play:next"))
            #expect(server.handler.methods == [Site.Stop.name, Site.Play.name])
        }
    }

    @Test("pipelined calls are answered one at a time, in order")
    func pipelined() async throws {
        try await TestServer.with { server in
            let socket = try await server.connect()
            let calls = ["slow", "fast", "slow", "last"].map {
                #"{"method":"io.communecast.Site.Play","parameters":{"media":"\#($0)"}}"# + "\0"
            }
            try await socket.send(bytes: Array(calls.joined().utf8))
            var answers: [JSONValue?] = []
            for _ in calls { answers.append(try await socket.receive().parameters["play_id"]) }
            #expect(answers == ["play:slow", "play:fast", "play:slow", "play:last"].map(JSONValue.string))
        }
    }

    @Test("a handler that sends no reply makes the server answer MethodNotImplemented")
    func noReply() async throws {
        try await TestServer.with { server in
            let socket = try await server.connect()
            try await socket.send(#"{"method":"io.communecast.Site.ListMedia"}"#)
            #expect(try await socket.receive().varlinkError == .methodNotImplemented(Site.ListMedia.name))
        }
    }

    @Test("a client that goes away cancels the handler of its call")
    func disconnectCancels() async throws {
        try await TestServer.with { server in
            var socket: RawSocket? = try await server.connect()
            try await socket?.send(#"{"method":"io.communecast.Site.ListAlerts","more":true}"#)
            #expect(try await eventually { !server.handler.methods.isEmpty })
            socket = nil
            #expect(try await eventually { server.handler.cancelledWaits > 0 })
            #expect(server.handler.cancelledWaits == 1)
        }
    }
}
