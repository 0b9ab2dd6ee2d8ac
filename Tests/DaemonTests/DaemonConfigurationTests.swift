import CommuneCastTesting
import Foundation
import Testing

@Suite("communecastd --check-config")
struct DaemonConfigurationTests {
    static var daemon: String { BuiltProducts.path(of: "communecastd") }

    @Test("no configuration at all is valid: every key has a default")
    func defaults() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let result = try ProcessRunner.run(Self.daemon, ["--check-config", "--state-dir", directory.path])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("configuration OK"))
        #expect(result.standardOutput.contains("profile virtual"))
    }

    @Test("every problem is reported with file, line, key and what would be accepted; exit status 1")
    func problemsAreLocated() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let file = directory.file("communecastd.yaml")
        try """
            site:
              name: xa-an-phu
              timezone: Mars/Olympus
            audio:
              volume_db: loud
              target_lufs: -3
            limits:
              max_conections: 10
            schedules:
              priority_in_quiet_hours: sometimes
            """.write(toFile: file, atomically: true, encoding: .utf8)
        let result = try ProcessRunner.run(Self.daemon, ["--check-config", "--config", file])
        #expect(result.status == 1)
        let message = result.standardError
        #expect(message.contains("\(file):3: site.timezone: 'Mars/Olympus' is not an IANA time zone"))
        #expect(message.contains("\(file):5: audio.volume_db: expected a number in dB, got 'loud'"))
        #expect(message.contains("\(file):6: audio.target_lufs: -3.0 LUFS is out of range"))
        #expect(message.contains("\(file):8: limits.max_conections: unknown key"))
        #expect(message.contains("\(file):10: schedules.priority_in_quiet_hours: 'sometimes' is not one of skip, play"))
    }

    @Test("a --config that is not a readable text file is named with the reason in words: directory, device, binary")
    func unreadableConfiguration() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let binary = directory.file("binary.yaml")
        try Data([0x7F, 0x45, 0x4C, 0x46, 0xFF, 0xFE, 0x00, 0xC3]).write(to: URL(fileURLWithPath: binary))
        let cases = [(directory.path, "it is a directory, not a file"),
                     ("/dev/null", "it is not a regular file (a device, a socket or a pipe)"),
                     (directory.file("missing.yaml"), "no such file"), (binary, "it is not UTF-8 text")]
        for (path, reason) in cases {
            let result = try ProcessRunner.run(Self.daemon, ["--check-config", "--config", path])
            #expect(result.status == 1)
            #expect(result.standardError.contains("\(path): cannot read: \(reason)\n"), "\(result.standardError)")
        }
    }

    @Test("the upload limits are shown by --check-config; max_encode_memory_bytes is checked")
    func uploadLimits() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let file = directory.file("communecastd.yaml")
        try "limits:\n  max_encode_memory_bytes: 67108864\n".write(toFile: file, atomically: true, encoding: .utf8)
        let result = try ProcessRunner.run(Self.daemon, ["--check-config", "--config", file, "--state-dir",
                                                         directory.path])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("uploads: at most 12 MiB each; encoding one sent as is may take 64 MiB "
                                               + "of memory"), "\(result.standardOutput)")
        try "limits:\n  max_encode_memory_bytes: 1000\n".write(toFile: file, atomically: true, encoding: .utf8)
        let tooSmall = try ProcessRunner.run(Self.daemon, ["--check-config", "--config", file])
        #expect(tooSmall.status == 1)
        #expect(tooSmall.standardError.contains("\(file):2: limits.max_encode_memory_bytes:"),
                "\(tooSmall.standardError)")
    }

    @Test("the connection budgets and message bounds are checked, and shown by --check-config")
    func connectionLimits() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let file = directory.file("communecastd.yaml")
        try """
            limits:
              max_connections: 16
              max_tls_connections: 20
              max_tls_handshakes: 10
              max_tls_handshakes_per_address: 3
              message_timeout_s: 15
              upload_timeout_s: 900
              refusal_log_interval_s: 30
            """.write(toFile: file, atomically: true, encoding: .utf8)
        let good = try ProcessRunner.run(Self.daemon, ["--check-config", "--config", file])
        #expect(good.status == 0, "\(good.standardError)")
        #expect(good.standardOutput.contains(
            "limits: unix socket 16 connections; tls 20 clients, 10 handshakes (3 per address); idle 60 s, "
                + "message 15 s (upload 900 s); refusals logged every 30 s"
        ), "\(good.standardOutput)")
        let defaults = try ProcessRunner.run(Self.daemon, ["--check-config", "--state-dir", directory.path])
        #expect(defaults.standardOutput.contains(
            "limits: unix socket 64 connections; tls 64 clients, 32 handshakes (8 per address); idle 60 s, "
                + "message 30 s (upload 600 s); refusals logged every 60 s"
        ), "\(defaults.standardOutput)")

        try """
            limits:
              max_tls_handshakes: 4
              max_tls_handshakes_per_address: 6
              message_timeout_s: 60
              upload_timeout_s: 20
              max_tls_connections: 0
            """.write(toFile: file, atomically: true, encoding: .utf8)
        let bad = try ProcessRunner.run(Self.daemon, ["--check-config", "--config", file])
        #expect(bad.status == 1)
        #expect(bad.standardError.contains("\(file):3: limits.max_tls_handshakes_per_address: 6 is more than "
                                           + "max_tls_handshakes (4)"), "\(bad.standardError)")
        #expect(bad.standardError.contains("\(file):5: limits.upload_timeout_s: 20.0 s is shorter than "
                                           + "message_timeout_s (60.0 s)"), "\(bad.standardError)")
        #expect(bad.standardError.contains("\(file):6: limits.max_tls_connections: "), "\(bad.standardError)")
    }

    @Test("the schedules directory and quiet-hours policy come from flags or configuration")
    func schedulesSettings() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let file = directory.file("communecastd.yaml")
        try "schedules: {directory: /srv/lich, priority_in_quiet_hours: play}\n"
            .write(toFile: file, atomically: true, encoding: .utf8)
        let configured = try ProcessRunner.run(Self.daemon, ["--check-config", "--config", file])
        #expect(configured.status == 0, "\(configured.standardError)")
        #expect(configured.standardOutput.contains("schedules /srv/lich (priority in quiet hours: play)"))
        let flagged = try ProcessRunner.run(Self.daemon, ["--check-config", "--config", file, "--schedules-dir", "/tmp/x"])
        #expect(flagged.standardOutput.contains("schedules /tmp/x (priority in quiet hours: play)"))
    }

    @Test("a profile that does not exist is named with where it was looked for")
    func missingProfile() throws {
        let result = try ProcessRunner.run(Self.daemon, ["--check-config", "--profile", "no-such-board"])
        #expect(result.status == 1)
        #expect(result.standardError.contains("no-such-board"))
        #expect(result.standardError.contains("no such profile"))
    }

    @Test("a mistyped hardware_profile is reported with the other problems, at its line, with the known profiles")
    func mistypedProfileWithOthers() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let file = directory.file("communecastd.yaml")
        try """
            site: {name: xa-an-phu}
            hardware_profile: rpi4-usbb
            socket: run/control.sock
            audio:
              target_lufs: -3
            """.write(toFile: file, atomically: true, encoding: .utf8)
        let result = try ProcessRunner.run(Self.daemon, ["--check-config", "--config", file])
        #expect(result.status == 1)
        let message = result.standardError
        #expect(message.contains("\(file):2: hardware_profile: no such profile 'rpi4-usbb'; known profiles: "),
                "\(message)")
        #expect(message.contains("rpi4-usb, ") && message.contains("virtual") && message.contains("x86-minipc"))
        #expect(message.contains("\(file):3: socket: 'run/control.sock' is a relative path"), "\(message)")
        #expect(message.contains("\(file):5: audio.target_lufs: -3.0 LUFS is out of range"))
        let lines = message.split(separator: "\n").map(String.init)
        let profileLine = lines.firstIndex { $0.contains("hardware_profile:") } ?? 99
        let lufsLine = lines.firstIndex { $0.contains("audio.target_lufs") } ?? -1
        #expect(profileLine < lufsLine, "problems come in file order")
    }

    /// The warnings: an emergency volume below the normal one, a missing on_command, a missing schedules directory.
    @Test("a buffer shorter than two periods is an error; unlikely settings are warnings with file, line and key")
    func profileAndEnvironmentChecks() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let profile = directory.file("board.yaml")
        try """
            name: board
            pcm:
              device: "null"
              buffer_ms: 20
              period_ms: 20
            """.write(toFile: profile, atomically: true, encoding: .utf8)
        let short = try ProcessRunner.run(Self.daemon, ["--check-config", "--profile", profile])
        #expect(short.status == 1)
        #expect(short.standardError.contains("\(profile):4: pcm.buffer_ms: 20 ms holds fewer than two periods"),
                "\(short.standardError)")

        try """
            name: board
            mixer:
              volume_db: -6
              emergency_volume_db: -20
            amplifier:
              type: command
              on_command: [/usr/local/bin/khong-co-amp, "on"]
              off_command: [/bin/true]
            """.write(toFile: profile, atomically: true, encoding: .utf8)
        let file = directory.file("communecastd.yaml")
        try "schedules: {directory: \(directory.file("khong-co"))}\naudio: {volume_db: -3}\n"
            .write(toFile: file, atomically: true, encoding: .utf8)
        let warned = try ProcessRunner.run(Self.daemon, ["--check-config", "--config", file, "--profile", profile])
        #expect(warned.status == 0, "\(warned.standardError)")
        #expect(warned.standardOutput.hasPrefix("configuration OK, with 4 warnings"), "\(warned.standardOutput)")
        let message = warned.standardError
        #expect(message.contains("\(profile):4: warning: mixer.emergency_volume_db: -20 dB is below the normal "
                                 + "volume_db -6 dB"), "\(message)")
        #expect(message.contains("\(profile):7: warning: amplifier.on_command: /usr/local/bin/khong-co-amp is not "
                                 + "an executable file"), "\(message)")
        #expect(message.contains("\(file):1: warning: schedules.directory: \(directory.file("khong-co")) does not "
                                 + "exist"), "\(message)")
        #expect(message.contains("\(file):2: warning: audio.volume_db: -3 dB is above the profile's "
                                 + "emergency_volume_db -20 dB"), "\(message)")
    }

    @Test("every shipped hardware profile is valid")
    func shippedProfiles() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("hardware/profiles")
        let profiles = try FileManager.default.contentsOfDirectory(atPath: root.path).filter { $0.hasSuffix(".yaml") }
        #expect(profiles.count >= 3)
        for profile in profiles {
            let result = try ProcessRunner.run(Self.daemon, ["--check-config", "--profile", root.appendingPathComponent(profile).path])
            #expect(result.status == 0, "\(profile): \(result.standardError)")
        }
    }
}
