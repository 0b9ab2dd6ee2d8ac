import CommuneCastTesting
import Foundation
import Testing

/// Issue 12, the smaller holes: names that shadow other media, expiries past the representable years, base64 that is
/// not base64, and the socket's group, each through the real daemon and CLI.
@Suite("communecastd: names, expiries and data are checked as the probe found they were not", .serialized)
struct DaemonInputCheckTests {
    @Test("a media name that is a SHA-256, '.', '..' or starts like an option is refused; the other audio stays")
    func mediaNames() throws {
        let daemon = try DaemonHarness()
        try daemon.start()
        defer { daemon.cleanUp() }
        let chime = try MediaFixtures.sine(frequency: 880, seconds: 0.3, at: daemon.directory.file("chime.opus"))
        let other = try MediaFixtures.sine(frequency: 440, seconds: 0.5, at: daemon.directory.file("other.opus"))
        #expect(try daemon.cli(["media", "upload", chime, "--name", "chuong"]).status == 0)
        let sha = try #require((try daemon.json(["media", "list"]) as? [[String: Any]])?.first?["sha256"] as? String)

        for name in [sha, sha.uppercased(), ".", "..", "-x", ".hidden"] {
            let refused = try daemon.cli(["media", "upload", other, "--name=\(name)"])
            #expect(refused.status != 0, "'\(name)' was accepted")
            #expect(refused.standardError.contains("name"), "\(name): \(refused.standardError)")
        }
        let shaRefusal = try daemon.cli(["media", "upload", other, "--name=\(sha)"])
        #expect(shaRefusal.standardError.contains("looks like a SHA-256"), "\(shaRefusal.standardError)")
        let listed = try daemon.json(["media", "list"]) as? [[String: Any]] ?? []
        #expect(listed.compactMap { $0["name"] as? String } == ["chuong"])
        #expect(listed.compactMap { $0["sha256"] as? String } == [sha], "the SHA-256 still names the chime")
    }

    @Test("base64 with characters outside its alphabet is reported as such, not as an empty file")
    func badBase64() throws {
        let daemon = try DaemonHarness()
        try daemon.start()
        defer { daemon.cleanUp() }
        let socket = try RawUnixSocket(path: daemon.socket)
        let upload = #"{"method":"io.communecast.Site.UploadMedia","parameters":"#
        #expect(socket.sendMessage(upload + #"{"name":"x","data":"!!!!"}}"#))
        let reply = try #require(socket.receiveMessage())
        #expect(reply.contains("io.communecast.Site.InvalidMedia"), "\(reply)")
        #expect(reply.contains("not valid base64 (character 1 is not a base64 character)"), "\(reply)")
        #expect(!reply.contains("empty"), "\(reply)")
        #expect(socket.sendMessage(upload + #"{"name":"y","data":"QUJD\nRA"}}"#))
        let short = try #require(socket.receiveMessage())
        #expect(short.contains("its length or padding is wrong"), "\(short)")
    }

    @Test("an expiry a year ahead comes back as sent; 9999-12-31 is refused instead of coming back as year 10000")
    func expiries() throws {
        let daemon = try DaemonScheduleTests.daemonWithMedia()
        defer { daemon.cleanUp() }
        let far = try daemon.cli(["alert", "push", "--media", "ban-tin", "--id", "far", "--status", "test",
                                  "--expires", "9999-12-31T23:59:59Z"])
        #expect(far.status == 1)
        #expect(far.standardError.contains("9999-12-31T23:59:59Z is more than a year ahead"), "\(far.standardError)")
        let almost = Date().addingTimeInterval(360 * 86_400)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day], from: almost)
        let sent = String(format: "%04d-%02d-%02dT08:00:00+07:00", parts.year!, parts.month!, parts.day!)
        let pushed = try daemon.cli(["alert", "push", "--media", "ban-tin", "--id", "near", "--status", "test",
                                     "--level", "priority", "--expires", sent, "--json"])
        #expect(pushed.status == 0, "\(pushed.standardError)")
        let alerts = try daemon.json(["alert", "list"]) as? [[String: Any]] ?? []
        let expires = alerts.first { $0["id"] as? String == "near" }?["expires"] as? String
        #expect(ScheduleSupport.date(expires) == ISO8601DateFormatter().date(from: sent), "\(expires ?? "-")")
        #expect(expires?.hasPrefix(String(format: "%04d-", parts.year!)) == true, "\(expires ?? "-")")
    }

    @Test("a user outside the socket's group is told which groups give access", .enabled(if: getuid() == 0))
    func socketGroup() throws {
        let daemon = try DaemonHarness()
        try daemon.start()
        defer { daemon.cleanUp() }
        // The directory is the test's; let anyone reach the socket's own permissions, which are what is checked.
        chmod(daemon.directory.path, 0o755)
        let output = try ProcessRunner.run("/usr/bin/setpriv", [
            "--reuid=nobody", "--regid=nogroup", "--clear-groups", BuiltProducts.path(of: "communecast"), "health",
            "--connect", "unix:\(daemon.socket)",
        ])
        #expect(output.status == 1)
        #expect(output.standardError.contains("permission denied"), "\(output.standardError)")
        #expect(output.standardError.contains("group communecast"), "\(output.standardError)")
        #expect(output.standardError.contains("communecast-operator"), "\(output.standardError)")
    }
}
