import ControlProtocol
import Foundation
import Testing

@Suite("Interoperability with the Python varlink package")
struct PythonVarlinkTests {
    @Test("python varlink lists the interfaces, parses the IDL and calls a Site method")
    func pythonClient() async throws {
        try await TestServer.with { server in
            let script = """
                import json, sys, varlink
                client = varlink.Client(address="unix:" + sys.argv[1])
                interfaces = client.get_interfaces()
                with client.open("io.communecast.Site") as site:
                    reply = site.Play(media="tin-tuc")
                    try:
                        site.DeleteMedia(name="missing")
                        error = None
                    except varlink.VarlinkError as e:
                        error = e.error()
                print(json.dumps({"interfaces": interfaces, "play": reply, "error": error}))
                """
            let output = try await Self.python(script, server.socketPath)
            let result = try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any]
            #expect(result?["interfaces"] as? [String] == [ServiceInterface.name, SiteInterface.name])
            #expect((result?["play"] as? [String: String])?["play_id"] == "play:tin-tuc")
            #expect(result?["error"] as? String == "io.communecast.Site.NotFound")
        }
    }

    /// Runs a Python snippet with `argument`, on a thread of its own, and returns what it printed.
    private static func python(_ script: String, _ argument: String) async throws -> String {
        try await RawSocket.blocking {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["python3", "-c", script, argument]
            let output = Pipe()
            process.standardOutput = output
            try process.run()
            let data = output.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return String(decoding: data, as: UTF8.self)
        }
    }
}
