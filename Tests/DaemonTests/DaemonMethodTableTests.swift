import CommuneCastTesting
import ControlProtocol
import Foundation
import Testing

/// Issue 13: the audit log follows the method table. Every method that declares it changes the site
/// (`VarlinkMethod.changesState`) is audited on every call, whatever its result; a read is not.
@Suite("communecastd: the method table decides what is audited")
struct DaemonMethodTableTests {
    /// One call of each method that changes the site, with parameters the interface accepts. Most fail on the site
    /// (unknown media, no such alert, an unusable schedule): a failed change is audited as well.
    static let changingCalls: [String: String] = [
        Site.UploadMedia.name: #"{"name":"probe","data":"AAAA"}"#,
        Site.DeleteMedia.name: #"{"name":"no-such-media"}"#,
        Site.Play.name: #"{"media":"no-such-media"}"#,
        Site.PushAlert.name: #"{"id":"probe-1","media":"no-such-media","level":"priority"}"#,
        Site.PushSignedAlert.name: #"{"envelope":"{}"}"#,
        Site.CancelAlert.name: #"{"id":"no-such-alert"}"#,
        Site.SetVolume.name: #"{"db":-6}"#,
        Site.Stop.name: "{}",
        Site.AddSchedule.name: #"{"name":"probe","yaml":"programmes: 3"}"#,
        Site.RemoveSchedule.name: #"{"id":"no-such-schedule"}"#,
        Site.ReloadSchedules.name: "{}",
    ]

    /// Sends each `method parameters` line of standard input as a call on one connection and prints each reply.
    static let caller = """
        import socket, sys
        s = socket.socket(socket.AF_UNIX); s.connect(sys.argv[1])
        for line in sys.stdin:
            method, parameters = line.rstrip("\\n").split(" ", 1)
            s.sendall(('{"method":"%s","parameters":%s}' % (method, parameters)).encode() + b"\\0")
            reply = b""
            while not reply.endswith(b"\\0"):
                chunk = s.recv(65536)
                if not chunk:
                    sys.exit("closed after " + method)
                reply += chunk
            print(method, reply.decode().rstrip("\\0"))
        """

    @Test("every call of a method that changes the site is audited, a refused one too; reads are not")
    func everyChangeAudited() throws {
        #expect(Set(Self.changingCalls.keys) == Site.methodsChangingState,
                "each method that changes the site needs a probe call in this test")
        let daemon = try DaemonHarness()
        defer { daemon.cleanUp() }
        try daemon.start()
        let reads = [Site.GetAsRunLog.name + " {}", Site.ListMedia.name + " {}", Site.ListAlerts.name + " {}"]
        let changes = Self.changingCalls.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
        let output = try ProcessRunner.run("python3", ["-c", Self.caller, daemon.socket],
                                           standardInput: Data((reads + changes).joined(separator: "\n").utf8))
        #expect(output.status == 0, "\(output.standardError)")
        #expect(output.standardOutput.split(separator: "\n").count == reads.count + changes.count,
                "\(output.standardOutput)")

        let audited = { Set(try daemon.auditRows().map { $0.split(separator: "|")[2] }.map(String.init)) }
        let complete = try daemon.wait { try audited().isSuperset(of: Site.methodsChangingState) }
        let methods = try audited()
        #expect(complete, "audited: \(methods.sorted()), replies: \(output.standardOutput)")
        let rows = try daemon.auditRows()
        #expect(methods == Site.methodsChangingState, "\(rows)")
        #expect(rows.contains { $0.hasSuffix("|\(Site.SetVolume.name)|ok") }, "\(rows)")
        #expect(rows.contains { $0.hasSuffix("|\(Site.DeleteMedia.name)|io.communecast.Site.NotFound") }, "\(rows)")
    }
}
