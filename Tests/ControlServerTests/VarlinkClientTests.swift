import ControlProtocol
import Fleet
import Foundation
import Testing

@Suite("Fleet client against the control server")
struct VarlinkClientTests {
    @Test("typed calls, raw calls and remote errors")
    func calls() async throws {
        try await TestServer.with { server in
            let client = try await VarlinkClient.connect(to: .unix(path: server.socketPath), logger: TestServer.logger)
            #expect(try await client.call(Site.Play.self, .init(media: "bao-lu")).playId == "play:bao-lu")
            let info = try await client.callRaw(VarlinkCall(method: "org.varlink.service.GetInfo"))
            #expect(info.parameters["product"] == .string("communecastd"))
            let error = await #expect(throws: ClientError.self) {
                try await client.call(Site.DeleteMedia.self, .init(name: "missing"))
            }
            #expect(error == .remote(.notFound(what: "media", name: "missing")))
            #expect(error?.description == "the site refused the call: media 'missing' is not on the site")
            let oneway = try await client.callRaw(VarlinkCall(method: Site.Stop.name, oneway: true))
            #expect(oneway == VarlinkReply())
            #expect(try await client.call(Site.Stop.self, .init()).stopped == nil)
            await client.close()
        }
    }

    @Test("concurrent calls on one connection each get their own reply")
    func concurrent() async throws {
        try await TestServer.with { server in
            let client = try await VarlinkClient.connect(to: .unix(path: server.socketPath), logger: TestServer.logger)
            let ids = try await withThrowingTaskGroup(of: String.self) { group in
                for name in ["slow", "a", "b", "c"] {
                    group.addTask { try await client.call(Site.Play.self, .init(media: name)).playId }
                }
                return try await group.reduce(into: Set<String>()) { $0.insert($1) }
            }
            #expect(ids == ["play:slow", "play:a", "play:b", "play:c"])
            await client.close()
        }
    }

    @Test("a more call streams decoded replies until the final one")
    func stream() async throws {
        try await TestServer.with { server in
            let client = try await VarlinkClient.connect(to: .unix(path: server.socketPath), logger: TestServer.logger)
            var media: [String?] = []
            for try await reply in client.stream(Site.Monitor.self, .init()) {
                media.append(reply.event.media)
            }
            #expect(media == (0...FakeHandler.streamCount).map { "m\($0)" })
            #expect(try await client.call(Site.Play.self, .init(media: "then")).playId == "play:then")
            await client.close()
        }
    }

    @Test("permission errors are said in words; a missing socket is unreachable with ENOENT")
    func errorMessages() async throws {
        let denied = ClientError.permissionDenied(method: Site.PushAlert.name, needs: .provincial)
        #expect(denied.description.hasPrefix("the site refused the call: permission denied: PushAlert needs the "
                                             + "provincial role or higher"))
        let path = NSTemporaryDirectory() + "no-such-dir-\(UUID().uuidString.prefix(8))/control.sock"
        let error = await #expect(throws: ClientError.self) {
            try await VarlinkClient.connect(to: .unix(path: path), logger: TestServer.logger)
        }
        guard case .unreachable(let address, let reason)? = error else {
            Issue.record("expected unreachable, got \(String(describing: error))")
            return
        }
        #expect(address == .unix(path: path))
        #expect(reason == "no daemon is listening at \(path) (ENOENT: no such socket)")
    }

    @Test("a call after the daemon stops fails with closedByPeer")
    func closedByPeer() async throws {
        let (client, address) = try await TestServer.with { server in
            let address = SiteAddress.unix(path: server.socketPath)
            return (try await VarlinkClient.connect(to: address, logger: TestServer.logger), address)
        }
        await #expect(throws: ClientError.closedByPeer(address)) {
            try await client.call(Site.Stop.self, .init())
        }
    }

    @Test("a cancelled call throws cancelled rather than returning an empty reply")
    func cancelledCall() async throws {
        try await TestServer.with { server in
            let address = SiteAddress.unix(path: server.socketPath)
            let client = try await VarlinkClient.connect(to: address, logger: TestServer.logger)
            let call = Task { try await client.callRaw(VarlinkCall(method: Site.ListAlerts.name)) }
            #expect(try await eventually { !server.handler.methods.isEmpty })
            call.cancel()
            await #expect(throws: ClientError.cancelled(address)) { try await call.value }
            await client.close()
        }
    }

    @Test("tls addresses parse, and need credentials to connect")
    func tls() async throws {
        let address = try SiteAddress(parsing: "tls:site-17.hue.example:7420")
        #expect(address == .tls(host: "site-17.hue.example", port: 7420))
        await #expect(throws: ClientError.tlsCredentialsRequired(address)) {
            try await VarlinkClient.connect(to: address, logger: TestServer.logger)
        }
    }

    @Test(
        "site addresses",
        arguments: [
            ("unix:/run/communecast/control.sock", Result<SiteAddress, SiteAddressError>.success(.local)),
            ("tls:[fd00::1]:7420", .success(.tls(host: "fd00::1", port: 7420))),
            ("unix:control.sock", .failure(.relativeSocketPath("unix:control.sock"))),
            ("http://site", .failure(.unknownScheme("http://site"))),
            ("tls:site", .failure(.missingPort("tls:site"))),
            ("tls::7420", .failure(.missingHost("tls::7420"))),
            ("tls:site:99999", .failure(.invalidPort("tls:site:99999"))),
        ]
    )
    func addresses(text: String, expected: Result<SiteAddress, SiteAddressError>) {
        #expect(Result { () throws(SiteAddressError) in try SiteAddress(parsing: text) } == expected)
        if case .success(let address) = expected { #expect(address.description == text) }
    }
}
