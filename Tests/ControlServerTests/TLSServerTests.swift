import CommuneCastTesting
import ControlProtocol
import ControlServer
import Fleet
import Foundation
import Testing

@Suite("Control server over mutual TLS")
struct TLSServerTests {
    @Test("a client certificate signed by the client CA is named by its subject and the fingerprint openssl prints")
    func identity() async throws {
        let pki = try TestPKI.shared()
        let authorizer = TableAuthorizer(["so-tt-an-giang": .provincial])
        let tls = try TLSFixtures.listener(pki, authorizer: authorizer)
        try await TestServer.with({ $0.tls = tls }) { server in
            let client = try await VarlinkClient.connect(
                to: try TLSFixtures.address(of: server), tls: try TLSFixtures.credentials(pki, "so-tt-an-giang"),
                logger: TestServer.logger
            )
            #expect(try await client.call(Site.Play.self, .init(media: "bao-lu")).playId == "play:bao-lu")
            await client.close()
            let peer = try #require(server.handler.peers.first)
            let fingerprint = try pki.fingerprint("so-tt-an-giang")
            #expect(fingerprint.count == 95)
            let subject = "CN=so-tt-an-giang,O=CommuneCast Test,C=VN"
            #expect(peer.transport == .tls(subject: subject, fingerprint: fingerprint))
            #expect(peer.role == .provincial)
            #expect(peer.description == "tls subject=CN=so-tt-an-giang,O=CommuneCast Test,C=VN sha256=\(fingerprint) "
                    + "role=provincial")
        }
    }

    @Test("the role is asked again before every call: a client taken out of the ACL is refused on its open connection")
    func revokedMidConnection() async throws {
        let pki = try TestPKI.shared()
        let authorizer = TableAuthorizer(["giam-sat": .operator])
        let tls = try TLSFixtures.listener(pki, authorizer: authorizer)
        try await TestServer.with({ $0.tls = tls }) { server in
            let client = try await VarlinkClient.connect(
                to: try TLSFixtures.address(of: server), tls: try TLSFixtures.credentials(pki, "giam-sat"),
                logger: TestServer.logger
            )
            #expect(try await client.call(Site.Play.self, .init(media: "a")).playId == "play:a")
            authorizer.set("giam-sat", .monitor)
            await #expect(throws: ClientError.permissionDenied(method: Site.Play.name, needs: .operator)) {
                try await client.call(Site.Play.self, .init(media: "b"))
            }
            authorizer.set("giam-sat", nil)
            await #expect(throws: ClientError.permissionDenied(method: Site.Stop.name, needs: .operator)) {
                try await client.call(Site.Stop.self, .init())
            }
            await client.close()
            #expect(server.handler.methods == [Site.Play.name])
        }
    }

    @Test(
        "a client without a certificate, or with one from another CA, expired or not yet valid, fails the handshake",
        arguments: [
            (String?.none, "the site requires a client certificate"),
            ("other/intruder", "the site refused our certificate: it is not signed by the CA the site trusts"),
            ("expired", "the site refused our certificate: it has expired or is not valid yet"),
            ("not-yet-valid", "the site refused our certificate: it has expired or is not valid yet"),
        ]
    )
    func refusedAtHandshake(client name: String?, expected: String) async throws {
        let pki = try TestPKI.shared()
        let authorizer = TableAuthorizer(["intruder": .admin, "expired": .admin, "not-yet-valid": .admin])
        let tls = try TLSFixtures.listener(pki, authorizer: authorizer)
        try await TestServer.with({ $0.tls = tls }) { server in
            let address = try TLSFixtures.address(of: server)
            let error = await #expect(throws: ClientError.self) {
                let client = try await VarlinkClient.connect(
                    to: address, tls: try TLSFixtures.credentials(pki, name), logger: TestServer.logger
                )
                defer { Task { await client.close() } }
                _ = try await client.call(Site.Stop.self, .init())
            }
            guard case .tlsFailed(let failedAddress, let reason)? = error else {
                Issue.record("expected tlsFailed, got \(String(describing: error))")
                return
            }
            #expect(failedAddress == address)
            #expect(reason.contains(expected), "\(reason)")
            #expect(server.handler.methods.isEmpty)
        }
    }

    @Test("the client refuses a site whose certificate another CA signed, or that does not name the host dialled")
    func siteVerification() async throws {
        let pki = try TestPKI.shared()
        let tls = try TLSFixtures.listener(pki, authorizer: TableAuthorizer(["so-tt-an-giang": .admin]))
        try await TestServer.with({ $0.tls = tls }) { server in
            let wrongCA = await #expect(throws: ClientError.self) {
                try await VarlinkClient.connect(
                    to: try TLSFixtures.address(of: server),
                    tls: try TLSFixtures.credentials(pki, "so-tt-an-giang", ca: "other/province-ca.pem"),
                    logger: TestServer.logger
                )
            }
            #expect(wrongCA?.description.contains("the site's certificate is not signed by the CA in --ca") == true,
                    "\(String(describing: wrongCA))")
            #expect(server.handler.methods.isEmpty)
        }
        // A certificate for another host: its subjectAltName names neither localhost nor 127.0.0.1.
        let elsewhere = try TLSListenerConfiguration(
            host: "127.0.0.1", port: 0, certificatePath: pki.file("elsewhere.pem"), keyPath: pki.file("elsewhere.key"),
            clientCAPath: pki.file("province-ca.pem"), authorizer: TableAuthorizer(["so-tt-an-giang": .admin])
        )
        try await TestServer.with({ $0.tls = elsewhere }) { server in
            let wrongName = await #expect(throws: ClientError.self) {
                try await VarlinkClient.connect(
                    to: try TLSFixtures.address(of: server, host: "localhost"),
                    tls: try TLSFixtures.credentials(pki, "so-tt-an-giang"), logger: TestServer.logger
                )
            }
            #expect(wrongName?.description.contains("the site's certificate is not valid for localhost") == true,
                    "\(String(describing: wrongName))")
            #expect(server.handler.methods.isEmpty)
        }
    }

    @Test("a client that connects and never starts the handshake is closed after the handshake timeout")
    func handshakeTimeout() async throws {
        let pki = try TestPKI.shared()
        let tls = try TLSFixtures.listener(pki, authorizer: TableAuthorizer([:]), handshakeTimeout: .milliseconds(500))
        try await TestServer.with({ $0.tls = tls }) { server in
            guard case .tls(_, let port) = try TLSFixtures.address(of: server) else { return }
            let waited = try await SilentTCPClient.secondsUntilClosed(port: port)
            #expect(waited >= 0.4 && waited < 30, "closed after \(waited) s; the idle timeout is 60 s")
        }
    }

    @Test("the Unix socket, TLS clients and TLS handshakes have budgets of their own; the oldest handshake makes room")
    func separateBudgets() async throws {
        let pki = try TestPKI.shared()
        let tls = try TLSFixtures.listener(pki, authorizer: TableAuthorizer(["so-tt-an-giang": .admin]))
        try await TestServer.with({
            $0.tls = tls
            $0.maxConnections = 1
            $0.maxTLSClients = 1
            $0.maxTLSHandshakes = 4
            $0.maxTLSHandshakesPerAddress = 2
        }) { server in
            guard case .tls(_, let port) = try TLSFixtures.address(of: server) else { return }
            let local = try await server.connect()
            try await local.send(#"{"method":"io.communecast.Site.Play","parameters":{"media":"unix"}}"#)
            #expect(try await local.receive().parameters["play_id"] == .string("play:unix"))
            // Nine connections that never start TLS, three from each of three addresses: each address keeps two
            // (its third is refused), and six do not fit in four handshake slots, so the two oldest make room.
            let floods = try (2...4).map {
                try IdleTCPFlood(port: port, count: 3, source: "127.0.0.\($0)", reopen: false)
            }
            defer { floods.forEach { $0.stop() } }
            _ = try await eventually { floods.map(\.closedByServer).reduce(0, +) >= 5 }
            #expect(floods.map(\.closedByServer).reduce(0, +) == 5)

            // A client with a certificate, from 127.0.0.1, makes room for its handshake and gets in: the idle
            // connections take nothing from it, and it takes nothing from the Unix socket.
            let client = try await VarlinkClient.connect(
                to: try TLSFixtures.address(of: server), tls: try TLSFixtures.credentials(pki, "so-tt-an-giang"),
                logger: TestServer.logger
            )
            _ = try await client.call(Site.Stop.self, .init())
            #expect(server.handler.methods == [Site.Play.name, Site.Stop.name])
            let secondLocal = try await server.connect()
            #expect(await secondLocal.isClosedByServer(), "the Unix socket's one slot is taken")
            let secondRemote = await #expect(throws: ClientError.self) {
                let other = try await VarlinkClient.connect(
                    to: try TLSFixtures.address(of: server), tls: try TLSFixtures.credentials(pki, "so-tt-an-giang"),
                    logger: TestServer.logger
                )
                defer { Task { await other.close() } }
                _ = try await other.call(Site.Stop.self, .init())
            }
            #expect(secondRemote != nil, "the TLS clients' one slot is taken")
            await client.close()
            try await local.send(#"{"method":"io.communecast.Site.Play","parameters":{"media":"again"}}"#)
            #expect(try await local.receive().parameters["play_id"] == .string("play:again"))
        }
    }

    @Test("a TLS port already in use stops the server from starting, and leaves no socket file behind")
    func bindFailure() async throws {
        let pki = try TestPKI.shared()
        let tls = try TLSFixtures.listener(pki, authorizer: TableAuthorizer([:]))
        try await TestServer.with({ $0.tls = tls }) { first in
            guard case .tls(_, let port) = try TLSFixtures.address(of: first) else { return }
            var busy = tls
            busy.port = port
            let socketPath = NSTemporaryDirectory() + "ccs-busy-\(UUID().uuidString.prefix(8)).sock"
            let second = try ControlServer(
                configuration: ServerConfiguration(socketPath: socketPath, tls: busy), handler: FakeHandler(),
                logger: TestServer.logger
            )
            let error = await #expect(throws: ControlServerError.self) { try await second.run() }
            guard case .tlsBindFailed(let address, _)? = error else {
                Issue.record("expected tlsBindFailed, got \(String(describing: error))")
                return
            }
            #expect(address == "127.0.0.1:\(port)")
            #expect(error?.description.hasPrefix("cannot listen for TLS clients on 127.0.0.1:\(port): ") == true)
            #expect(!FileManager.default.fileExists(atPath: socketPath))
        }
    }
}
