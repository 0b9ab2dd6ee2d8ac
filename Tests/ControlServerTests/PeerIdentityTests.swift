import ControlProtocol
import Foundation
import Testing

@testable import ControlServer

@Suite("Peer identity and roles")
struct PeerIdentityTests {
    @Test(
        "the role is root's admin, else the highest CommuneCast group, else none",
        arguments: [
            (UInt32(0), [String](), Role?.some(.admin)),
            (0, ["communecast"], .admin),
            (1000, [], nil),
            (1000, ["users", "audio"], nil),
            (1000, ["communecast"], .monitor),
            (1000, ["communecast-operator"], .operator),
            (1000, ["communecast", "communecast-provincial", "communecast-operator"], .provincial),
            (1000, ["communecast-admin", "communecast"], .admin),
            (1000, ["Communecast-Admin", "communecast-admins"], nil),
        ]
    )
    func roleResolution(uid: UInt32, groups: [String], expected: Role?) {
        #expect(PeerIdentity.role(uid: uid, groupNames: groups) == expected)
    }

    @Test("roles are ordered monitor < operator < provincial < admin and coded by name")
    func roleOrder() throws {
        #expect(Role.allCases.sorted() == [.monitor, .operator, .provincial, .admin])
        #expect(Role.operator > .monitor && Role.admin > .provincial)
        let encoded = try JSONEncoder().encode([Role.operator])
        #expect(String(decoding: encoded, as: UTF8.self) == #"["operator"]"#)
    }

    @Test("the server learns the peer's uid, gid and pid from SO_PEERCRED")
    func peerCredentials() async throws {
        try await TestServer.with { server in
            let socket = try await server.connect()
            try await socket.send(#"{"method":"io.communecast.Site.Stop"}"#)
            _ = try await socket.receive()
            let peer = try #require(server.handler.peers.first)
            #expect(peer.transport == .unix(uid: getuid(), gid: getgid(), pid: getpid()))
            #expect(peer.userName == UnixAccounts.userName(uid: getuid()))
            if getuid() == 0 {
                #expect(peer.role == .admin)
                #expect(peer.description.hasPrefix("uid=0(root) pid=\(getpid())"))
            }
        }
    }

    @Test("a local user's groups include the primary group by name")
    func accountLookup() {
        let names = UnixAccounts.groupNames(user: UnixAccounts.userName(uid: getuid()), gid: getgid())
        #expect(names.first == UnixAccounts.groupName(gid: getgid()))
        #expect(UnixAccounts.userName(uid: 4_000_000_000) == nil)
    }

    @Test("the description names the TLS subject for remote peers")
    func tlsDescription() {
        let peer = PeerIdentity(
            transport: .tls(subject: "CN=province-hue", fingerprint: "ab12"), userName: nil, groupNames: [],
            role: .provincial
        )
        #expect(peer.description == "tls subject=CN=province-hue sha256=ab12 role=provincial")
    }
}
