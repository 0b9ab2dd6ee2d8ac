import CommuneCastTesting
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// SIGHUP re-reads the configuration file and the hardware profile as well as the schedules (issue 6).
@Suite("communecastd: SIGHUP reloads configuration and profile, keeping the old ones when the new are broken",
       .serialized)
struct DaemonReloadTests {
    /// Replaces the daemon's configuration file: the harness's settings with another site name and `extra` YAML.
    func writeConfiguration(_ daemon: DaemonHarness, name: String, extra: String = "") throws {
        let text = """
            site:
              name: \(name)
              commune_code: "00001"
            audio:
              device_retry_s: 1
            \(extra)
            """
        try text.write(toFile: daemon.directory.file("communecastd.yaml"), atomically: true, encoding: .utf8)
    }

    func health(_ daemon: DaemonHarness) throws -> [String: Any] {
        try daemon.json(["health"]) as? [String: Any] ?? [:]
    }

    /// Sends SIGHUP and waits for the reload's READY=1.
    func hangUp(_ daemon: DaemonHarness, _ notify: NotifyListener) -> NotifyListener.Message? {
        let before = notify.messages.count
        daemon.send(SIGHUP)
        return notify.wait(after: before) { $0.value("READY") == "1" }
    }

    @Test("a broken configuration is reported with file, line and key; the old one stays and the daemon serves")
    func brokenConfigurationKeepsTheOld() throws {
        let daemon = try DaemonHarness()
        defer { daemon.cleanUp() }
        let notify = try NotifyListener(path: daemon.directory.file("notify.sock"))
        defer { notify.close() }
        try daemon.startUnderSystemd(notify: notify)
        #expect(try health(daemon)["site"] as? String == "test-site")

        try writeConfiguration(daemon, name: "renamed", extra: "limits:\n  max_upload_bytes: lots\n")
        let rejected = hangUp(daemon, notify)
        #expect(rejected?.value("STATUS")?.contains("configuration reload rejected, previous one in force") == true)
        #expect(daemon.log.contains("configuration reload rejected"), "\(daemon.log)")
        #expect(daemon.log.contains("communecastd.yaml:7: limits.max_upload_bytes"), "\(daemon.log)")
        let kept = try health(daemon)
        #expect(kept["site"] as? String == "test-site")
        #expect(try daemon.cli(["media", "list"]).status == 0)

        // Fixed: what can change live does, what cannot is named, and the status line says a restart is due.
        try """
            site:
              name: xa-an-phu
              commune_code: "30292"
            audio:
              device_retry_s: 1
              volume_db: -9
            limits:
              max_connections: 10
            """.write(toFile: daemon.directory.file("communecastd.yaml"), atomically: true, encoding: .utf8)
        let applied = hangUp(daemon, notify)
        #expect(applied?.value("STATUS")?.hasSuffix("restart needed for limits.max_connections") == true,
                "\(applied?.text ?? "no READY")")
        let renamed = try health(daemon)
        #expect(renamed["site"] as? String == "xa-an-phu")
        #expect(renamed["commune"] as? String == "30292")
        #expect(renamed["volume_db"] as? Double == -9)
        #expect(daemon.log.contains("applied=site.name, site.commune_code, audio.volume_db"), "\(daemon.log)")
        #expect(daemon.log.contains("needs_restart=limits.max_connections"), "\(daemon.log)")
    }

    @Test("a broken hardware profile is reported and the old profile and configuration stay")
    func brokenProfileKeepsTheOld() throws {
        let daemon = try DaemonHarness()
        defer { daemon.cleanUp() }
        let notify = try NotifyListener(path: daemon.directory.file("notify.sock"))
        defer { notify.close() }
        try daemon.startUnderSystemd(notify: notify)
        let profile = daemon.directory.file("profile.yaml")
        let good = try String(contentsOfFile: profile, encoding: .utf8)

        try writeConfiguration(daemon, name: "renamed")
        try good.replacingOccurrences(of: "channels: 1", with: "channels: 99")
            .write(toFile: profile, atomically: true, encoding: .utf8)
        _ = hangUp(daemon, notify)
        #expect(daemon.log.contains("profile.yaml:4: pcm.channels"), "\(daemon.log)")
        #expect(try health(daemon)["site"] as? String == "test-site")

        // The emergency volume of a good profile applies at once; a new device waits for a restart.
        try (good.replacingOccurrences(of: "file:FILE=", with: "file:FORMAT=raw,FILE=")
             + "\nmixer:\n  emergency_volume_db: -3\n")
            .write(toFile: profile, atomically: true, encoding: .utf8)
        let reloaded = hangUp(daemon, notify)
        let now = try health(daemon)
        #expect(now["site"] as? String == "renamed")
        #expect(now["emergency_volume_db"] as? Double == -3)
        #expect(reloaded?.value("STATUS")?.contains("restart needed for profile test-virtual: pcm") == true,
                "\(reloaded?.text ?? "no READY")")
    }
}
