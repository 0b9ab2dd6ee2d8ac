import ControlProtocol
import Testing

@testable import ControlServer

@Suite("Call routing and access control")
struct CallRouterTests {
    private static func peer(_ role: Role?) -> PeerIdentity {
        PeerIdentity(transport: .unix(uid: 1000, gid: 1000, pid: 1), userName: "alice", groupNames: [], role: role)
    }

    private static func frame(_ method: String, _ parameters: String = "{}") -> [UInt8] {
        Array(#"{"method":"\#(method)","parameters":\#(parameters)}"#.utf8)
    }

    private let router: CallRouter

    init() throws {
        router = try CallRouter(configuration: .site(socketPath: "/unused/control.sock"))
    }

    @Test("a peer without a role is refused with PermissionDenied and disconnected")
    func noRole() {
        let decision = router.route(frame: Self.frame("org.varlink.service.GetInfo"), from: Self.peer(nil))
        guard case .deny(let call, let closeConnection, _) = decision else {
            Issue.record("expected deny, got \(decision)")
            return
        }
        #expect(call.method == "org.varlink.service.GetInfo")
        #expect(closeConnection)
    }

    @Test(
        "each method needs its documented role",
        arguments: [
            (Site.GetHealth.name, "{}", Role.monitor, true),
            (Site.Play.name, #"{"media":"x"}"#, .monitor, false),
            (Site.Play.name, #"{"media":"x"}"#, .operator, true),
            // The server checks the least role; the handler refuses an operator's emergency (DaemonTLSTests).
            (Site.PushAlert.name, #"{"id":"a"}"#, .monitor, false),
            (Site.PushAlert.name, #"{"id":"a"}"#, .operator, true),
            (Site.SetVolume.name, #"{"db":-6}"#, .provincial, false),
            (Site.SetVolume.name, #"{"db":-6}"#, .admin, true),
        ]
    )
    func roles(method: String, parameters: String, role: Role, allowed: Bool) {
        let decision = router.route(frame: Self.frame(method, parameters), from: Self.peer(role))
        if allowed {
            guard case .dispatch(let call) = decision else {
                Issue.record("expected dispatch, got \(decision)")
                return
            }
            #expect(call.method == method)
        } else {
            guard case .deny(let call, let closeConnection, _) = decision else {
                Issue.record("expected deny, got \(decision)")
                return
            }
            #expect(call.method == method)
            #expect(!closeConnection)
        }
    }

    @Test("the method table: a method's role for any arguments is at least its least role; PushAlert's by level")
    func methodTable() {
        #expect(Site.leastRoles.count == Site.methods.count)
        #expect(Site.PushAlert.requiredRole(for: .init(id: "a", level: .priority)) == .operator)
        #expect(Site.PushAlert.requiredRole(for: .init(id: "a", level: .emergency)) == .provincial)
        #expect(Site.PushAlert.requiredRole(for: .init(id: "a")) == .provincial)
        #expect(Site.Play.requiredRole(for: .init(media: "a", level: .priority)) == .operator)
        #expect(Site.methodsChangingState.contains(Site.PushSignedAlert.name))
        #expect(!Site.methodsChangingState.contains(Site.GetAsRunLog.name))
        #expect(Site.methodsRequiringMore == [Site.Monitor.name])
        #expect(Site.methodFrameLimits == [Site.UploadMedia.name: 16 * 1024 * 1024,
                                           Site.PushSignedAlert.name: 256 * 1024])
    }

    @Test("a message that is not a call closes the connection")
    func garbage() {
        let decision = router.route(frame: Array("42".utf8), from: Self.peer(.admin))
        #expect(decision == .close(reason: "the varlink message is a JSON int, not an object"))
    }

    @Test("the server knows no interface of its own: unless handed one, it serves only org.varlink.service")
    func noInterfaceByDefault() throws {
        let bare = try CallRouter(configuration: ServerConfiguration(socketPath: "/unused/control.sock"))
        let info = bare.route(frame: Self.frame("org.varlink.service.GetInfo"), from: Self.peer(.admin))
        guard case .reply(let reply, _) = info else {
            Issue.record("expected a reply, got \(info)")
            return
        }
        #expect(reply.parameters["interfaces"] == .array([.string("org.varlink.service")]))
        let health = bare.route(frame: Self.frame(Site.GetHealth.name), from: Self.peer(.admin))
        guard case .reply(let refusal, _) = health else {
            Issue.record("expected a refusal, got \(health)")
            return
        }
        #expect(refusal.error == "org.varlink.service.InterfaceNotFound")
    }
}
