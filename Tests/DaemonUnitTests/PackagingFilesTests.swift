import Foundation
import Testing
@testable import Daemon
import SiteHardware

/// The files the package installs that the daemon reads.
@Suite("Packaged configuration and systemd's directories")
struct PackagingFilesTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    @Test("the default /etc/communecast/communecastd.yaml is valid and keeps every default but the documented ones")
    func defaultConfiguration() throws {
        let configuration = try DaemonConfiguration.load(path: "\(Self.repository)/packaging/communecastd.yaml")
        #expect(configuration == DaemonConfiguration())
    }

    @Test("every shipped hardware profile loads")
    func profiles() throws {
        let directory = "\(Self.repository)/hardware/profiles"
        let names = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".yaml") }
        #expect(!names.isEmpty)
        for name in names { _ = try HardwareProfile.load("\(directory)/\(name)") }
    }

    @Test("under systemd the unit's directories are the defaults")
    func systemdDirectories() {
        let environment = ["STATE_DIRECTORY": "/var/lib/communecast", "RUNTIME_DIRECTORY": "/run/communecast",
                           "CONFIGURATION_DIRECTORY": "/etc/communecast:/etc/other", "HOME": "/nonexistent"]
        #expect(PlatformDefaults.stateDirectory(environment: environment) == "/var/lib/communecast")
        #expect(PlatformDefaults.socketPath(environment: environment) == "/run/communecast/control.sock")
        #expect(PlatformDefaults.schedulesDirectory(environment: environment) == "/etc/communecast/schedules")
    }
}
