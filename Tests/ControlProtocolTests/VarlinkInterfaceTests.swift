import Foundation
import Testing

@testable import ControlProtocol

@Suite("Varlink interface descriptions")
struct VarlinkInterfaceTests {
    private static let siteMethods = [
        "GetHealth", "Monitor", "UploadMedia", "ListMedia", "DeleteMedia", "Play", "PushAlert", "PushSignedAlert",
        "CancelAlert", "ListAlerts", "GetAsRunLog", "SetVolume", "Stop", "AddSchedule", "ListSchedules", "ShowSchedule",
        "RemoveSchedule", "ReloadSchedules",
    ]

    @Test("parses io.communecast.Site with every method and error")
    func site() throws {
        let interface = try VarlinkInterface.parse(SiteInterface.description)
        #expect(interface.name == SiteInterface.name)
        #expect(interface.methods.map(\.name) == Self.siteMethods)
        #expect(interface.errors.map(\.name) == [
            "NotFound", "Conflict", "InvalidSchedule", "InvalidMedia", "InvalidArgument", "InUse", "AlertCancelled",
            "Expired", "TooLarge", "AlertRefused", "DeviceUnavailable", "Internal",
        ])
        let push = try #require(interface.method(named: "PushAlert"))
        let names = ["id", "media", "tone", "level", "status", "expires", "repeat", "interval_s", "text", "voice",
                     "rate", "stream", "duration_s"]
        #expect(push.input.map(\.name) == names)
        #expect(push.input.map(\.isOptional) == [false] + Array(repeating: true, count: 12))
        #expect(push.input[3].type == .optional(.named("AlertLevel")))
        #expect(interface.type(named: "Level") == .enumeration(["normal", "priority", "emergency"]))
        let health = VarlinkField(name: "health", type: .named("Health"))
        #expect(interface.method(named: "GetHealth")?.output == [health])
    }

    @Test("parses org.varlink.service")
    func service() throws {
        let interface = try VarlinkInterface.parse(ServiceInterface.description)
        #expect(interface.name == "org.varlink.service")
        #expect(interface.methods.map(\.name) == ["GetInfo", "GetInterfaceDescription"])
        let interfaces = VarlinkField(name: "interfaces", type: .array(.string))
        #expect(interface.method(named: "GetInfo")?.output.last == interfaces)
        #expect(interface.errors.map(\.name) == [
            "InterfaceNotFound", "MethodNotFound", "MethodNotImplemented", "InvalidParameter", "PermissionDenied",
            "ExpectedMore",
        ])
    }

    @Test("docs/io.communecast.Site.varlink is the served description")
    func docsFile() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let file = root.appendingPathComponent("docs/io.communecast.Site.varlink")
        #expect(try String(contentsOf: file, encoding: .utf8) == SiteInterface.description)
    }

    @Test("parses maps, nested structs, inline enums and optional elements")
    func grammar() throws {
        let interface = try VarlinkInterface.parse("""
            interface org.example.more-test
            type T (m: [string]?int, s: [string](), n: (a: []?float, b: (x, y)), o: object)
            method M()->()
            """)
        let fields = try #require(interface.type(named: "T"))
        #expect(fields == .structure([
            VarlinkField(name: "m", type: .map(.optional(.int))),
            VarlinkField(name: "s", type: .map(.structure([]))),
            VarlinkField(name: "n", type: .structure([
                VarlinkField(name: "a", type: .array(.optional(.float))),
                VarlinkField(name: "b", type: .enumeration(["x", "y"])),
            ])),
            VarlinkField(name: "o", type: .object),
        ]))
    }

    @Test("refuses descriptions that break the grammar", arguments: [
        "", "interface foo", "interface org.example", "interface org.example\nmethod m() -> ()",
        "interface org.example\nmethod M() -> ()\nmethod M() -> ()", "interface org.example\ntype T (a: ??int)",
        "interface org.example\ntype T (a: Missing)", "interface org.example\ntype T (_a: int)",
        "interface org.example\ntype T (a__b: int)", "interface org.example\ntype T (a: int,)",
        "interface org.example\nmethod M() -> ", "interface org.example\nerror E (a, b)",
        "interface org.example\ntype T (a: int, a: int)", "interface org.example\nfoo T ()",
        "interface org.example\ntype T (a: int) ;", "interface org.example\ntype T (a: [int]int)",
    ])
    func refusesBadIDL(text: String) {
        #expect(throws: VarlinkInterfaceError.self) { try VarlinkInterface.parse(text) }
    }

    @Test("names the line of a syntax error")
    func errorLine() {
        #expect(throws: VarlinkInterfaceError.syntax(line: 3, expected: "a type", found: ")")) {
            try VarlinkInterface.parse("interface org.example\n# doc\ntype T (a: )")
        }
    }

    @Test("accepts good calls")
    func validCalls() throws {
        let interface = try VarlinkInterface.parse(SiteInterface.description)
        let calls = [
            VarlinkCall(method: "io.communecast.Site.GetHealth"),
            VarlinkCall(method: "io.communecast.Site.Play", parameters: ["media": "x", "level": nil]),
            VarlinkCall(method: "io.communecast.Site.SetVolume", parameters: ["db": -6]),
            VarlinkCall(method: "io.communecast.Site.SetVolume", parameters: ["db": -6.5]),
            VarlinkCall(method: "io.communecast.Site.PushAlert", parameters: [
                "id": "a", "tone": true, "level": "emergency", "status": "test", "repeat": 3, "interval_s": 60,
            ]),
        ]
        for call in calls {
            #expect(interface.validate(call: call) == nil, "\(call.method)")
        }
    }

    @Test("refuses bad calls with the right error", arguments: [
        ("org.example.Foo.Bar", [:], VarlinkError.interfaceNotFound("org.example.Foo")),
        ("io.communecast.Site.Reboot", [:], .methodNotFound("io.communecast.Site.Reboot")),
        ("io.communecast.Site.Play", ["stream": "http://a/x.opus"], .invalidParameter("stream")),
        ("io.communecast.Site.Play", ["stream": ["http://a/x"], "duration_s": "10m"], .invalidParameter("duration_s")),
        ("io.communecast.Site.Play", ["media": 5], .invalidParameter("media")),
        ("io.communecast.Site.Play", ["media": "x", "level": "emergency"], .invalidParameter("level")),
        ("io.communecast.Site.Play", ["media": "x", "volume": 3], .invalidParameter("volume")),
        ("io.communecast.Site.SetVolume", ["db": "loud"], .invalidParameter("db")),
        ("io.communecast.Site.PushAlert", ["id": "a", "repeat": 2.5], .invalidParameter("repeat")),
        ("io.communecast.Site.PushAlert", ["id": "a", "tone": "yes"], .invalidParameter("tone")),
        ("io.communecast.Site.GetHealth", ["verbose": true], .invalidParameter("verbose")),
    ] as [(String, [String: JSONValue], VarlinkError)])
    func invalidCalls(method: String, parameters: [String: JSONValue], expected: VarlinkError) throws {
        let interface = try VarlinkInterface.parse(SiteInterface.description)
        #expect(interface.validate(call: VarlinkCall(method: method, parameters: parameters)) == expected)
    }

    @Test("names nested faults by path")
    func nestedPath() throws {
        let interface = try VarlinkInterface.parse(SiteInterface.description)
        let reply = try #require(try SiteFixtures.samples()["GetHealth"]?.reply.objectValue)
        #expect(interface.validate(replyParameters: reply, method: "GetHealth") == nil)
        var health = try #require(reply["health"]?.objectValue)
        var item = try #require(health["queue"]?.arrayValue?.first?.objectValue)
        item["level"] = "loud"
        health["queue"] = [.object(item)]
        let broken = interface.validate(replyParameters: ["health": .object(health)], method: "GetHealth")
        #expect(broken == .invalidParameter("health.queue[0].level"))
        let map = try VarlinkInterface.parse("interface a.b\nmethod M(m: [string]int) -> ()")
        let call = VarlinkCall(method: "a.b.M", parameters: ["m": ["x": 1, "y": "2"]])
        #expect(map.validate(call: call) == .invalidParameter("m[y]"))
        let listCall = VarlinkCall(method: "a.b.M", parameters: ["m": ["x": 1]])
        #expect(map.validate(call: listCall) == nil)
    }

    static let pythonVarlinkAvailable: Bool = {
        (try? PythonVarlink.run(script: "import varlink", input: "")) != nil
    }()

    @Test("the Python varlink package reads both descriptions as we do", .enabled(if: pythonVarlinkAvailable))
    func pythonCrossCheck() throws {
        let script = """
            import sys, varlink
            from varlink.scanner import _Method, _Maybe, _Error, _Alias
            interface = varlink.Interface(sys.stdin.read())
            def fields(struct):
                return ",".join(k + ("?" if isinstance(t, _Maybe) else "") for k, t in struct.fields.items())
            print(interface.name)
            for name, member in interface.members.items():
                if isinstance(member, _Method):
                    print(f"method {name}({fields(member.in_type)})->({fields(member.out_type)})")
                elif isinstance(member, _Error):
                    print(f"error {name}")
                elif isinstance(member, _Alias):
                    print(f"type {name}")
            """
        for text in [SiteInterface.description, ServiceInterface.description] {
            let python = try PythonVarlink.run(script: script, input: text)
            #expect(python == (try Self.summary(of: text)))
        }
    }

    /// Lists an interface the way the Python snippet does; both descriptions declare types, then methods, then errors.
    private static func summary(of text: String) throws -> String {
        let interface = try VarlinkInterface.parse(text)
        func fields(_ list: [VarlinkField]) -> String {
            list.map { $0.name + ($0.isOptional ? "?" : "") }.joined(separator: ",")
        }
        var lines = [interface.name]
        lines += interface.types.map { "type \($0.name)" }
        lines += interface.methods.map { "method \($0.name)(\(fields($0.input)))->(\(fields($0.output)))" }
        lines += interface.errors.map { "error \($0.name)" }
        return lines.joined(separator: "\n") + "\n"
    }
}
