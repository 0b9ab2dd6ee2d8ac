import Foundation
import Testing
@testable import Daemon
import SiteHardware

@Suite("What a SIGHUP reload applies at once and what waits for a restart")
struct SettingsChangeTests {
    static let base = DaemonSettings(
        configuration: DaemonConfiguration(), profile: HardwareProfile(), stateDirectory: "/var/lib/communecast",
        socketPath: "/run/communecast/control.sock", schedulesDirectory: "/etc/communecast/schedules",
        tls: TLSSettings()
    )

    @Test("identical settings change nothing")
    func nothing() {
        #expect(SettingsChange.between(Self.base, Self.base).isEmpty)
    }

    @Test("site identity, volumes, encoding, the upload limit and the quiet-hours policy apply live")
    func live() {
        var new = Self.base
        new.configuration.siteName = "xa-an-phu"
        new.configuration.communeCode = "30292"
        new.configuration.volumeDB = -6
        new.configuration.targetLUFS = -18
        new.configuration.bitrateKbps = 32
        new.configuration.maxUploadBytes = 4_096
        new.configuration.priorityInQuietHours = "play"
        new.profile.emergencyVolumeDB = -2
        let change = SettingsChange.between(Self.base, new)
        #expect(change.restart.isEmpty)
        #expect(change.live == [
            "site.name", "site.commune_code", "audio.target_lufs", "audio.bitrate_kbps", "audio.volume_db",
            "schedules.priority_in_quiet_hours", "limits.max_upload_bytes",
            "profile virtual: mixer.emergency_volume_db",
        ])
        #expect(Self.base.withLive(from: new) == new)
    }

    @Test("the unsigned-over-TLS switch applies live; the CA, the ACL file, the audience and the policy wait")
    func alerts() {
        var new = Self.base
        new.configuration.alerts.acceptUnsignedOverTLS = true
        let live = SettingsChange.between(Self.base, new)
        #expect(live.live == ["alerts.accept_unsigned_over_tls"] && live.restart.isEmpty)
        #expect(Self.base.withLive(from: new).configuration.alerts.acceptUnsignedOverTLS)
        new.configuration.alerts.trustCA = "/etc/communecast/trust/other-ca.pem"
        new.configuration.alerts.tags = ["ven-song"]
        new.configuration.alerts.policy.maximumSignatureAge = 300
        let both = SettingsChange.between(Self.base, new)
        #expect(both.restart == ["alerts (CA, ACL file, audience, policy)"])
        let applied = Self.base.withLive(from: new).configuration.alerts
        #expect(applied.acceptUnsignedOverTLS && applied.trustCA == nil && applied.tags.isEmpty)
    }

    @Test("paths, the device, connection limits, TLS and the time zone wait for a restart and stay as they are")
    func restart() {
        var new = Self.base
        new.stateDirectory = "/srv/communecast"
        new.socketPath = "/run/other.sock"
        new.schedulesDirectory = "/srv/schedules"
        new.configuration.timeZone = "Asia/Bangkok"
        new.configuration.maxConnections = 8
        new.configuration.idleTimeoutSeconds = 5
        new.configuration.connectionLimits.maxTLSHandshakes = 4
        new.configuration.connectionLimits.messageTimeoutSeconds = 10
        new.configuration.deviceRetrySeconds = 1
        new.tls.listen = "0.0.0.0:7420"
        new.profile.device = "plughw:CARD=Device"
        let change = SettingsChange.between(Self.base, new)
        #expect(change.live.isEmpty)
        #expect(change.restart == [
            "site.timezone", "state_dir", "socket", "audio.device_retry_s", "schedules.directory",
            "limits.max_connections", "limits.idle_timeout_s", "limits.max_tls_handshakes",
            "limits.message_timeout_s", "tls",
            "profile virtual: pcm, mixer.control, amplifier or attention_tone",
        ])
        #expect(Self.base.withLive(from: new) == Self.base)
    }

    @Test("another profile is one restart, and its volumes are not mixed into the running one")
    func otherProfile() {
        var new = Self.base
        new.configuration.hardwareProfile = "rpi4-usb"
        new.profile.name = "rpi4-usb"
        new.profile.device = "plughw:CARD=Device,DEV=0"
        new.profile.emergencyVolumeDB = -1
        let change = SettingsChange.between(Self.base, new)
        #expect(change == SettingsChange(live: [], restart: ["hardware_profile"]))
        #expect(Self.base.withLive(from: new) == Self.base)
    }

    @Test("the raw state_dir key changing under a --state-dir flag changes nothing")
    func overriddenByFlag() {
        var new = Self.base
        new.configuration.stateDirectory = "/elsewhere"
        #expect(SettingsChange.between(Self.base, new).isEmpty)
    }

    @Test("settings load from files, with the flags applied")
    func loads() throws {
        let directory = FileManager.default.temporaryDirectory.path + "/settings-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try "site: {name: a}\nstate_dir: /from/file\n".write(toFile: "\(directory)/c.yaml", atomically: true,
                                                           encoding: .utf8)
        var options = DaemonOptions(configPath: "\(directory)/c.yaml", stateDirectory: "/from/flag",
                                    profile: "virtual")
        options.schedulesDirectory = "\(directory)/schedules"
        let settings = try DaemonSettings.load(options: options)
        #expect(settings.configuration.siteName == "a")
        #expect(settings.stateDirectory == "/from/flag")
        #expect(settings.schedulesDirectory == "\(directory)/schedules")
        try "site: {name: [a, b]}\n".write(toFile: "\(directory)/c.yaml", atomically: true, encoding: .utf8)
        #expect(throws: (any Error).self) { try DaemonSettings.load(options: options) }
    }
}
