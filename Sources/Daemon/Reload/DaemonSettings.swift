import Foundation
import SiteHardware
import YAMLSupport

/// Everything the daemon runs with, resolved: the configuration file with the flags applied, the hardware profile it
/// names, and the paths they lead to. Built once at start-up and again on every SIGHUP, so a reload sees exactly what
/// a restart would.
struct DaemonSettings: Sendable, Equatable {
    /// The configuration file's settings (or the defaults), with `--profile` applied to `hardwareProfile`.
    var configuration: DaemonConfiguration
    /// The hardware profile.
    var profile: HardwareProfile
    /// Where the database and media are.
    var stateDirectory: String
    /// The control socket's path.
    var socketPath: String
    /// The schedules directory.
    var schedulesDirectory: String
    /// The TLS listener's settings, the `tls:` keys with the `--tls-*` flags applied.
    var tls: TLSSettings

    /// What is legal but probably not meant (an emergency volume below the normal one, a missing schedules
    /// directory or amplifier program): `--check-config` prints them and the daemon logs them at start and reload.
    var warnings: [YAMLIssue] = []

    /// Reads the configuration file (if `options` names one) and the profile, and resolves the paths. Every problem
    /// of both files is reported at once, each with file, line and key (a profile name found nowhere is located at
    /// `hardware_profile` in the configuration, with the known profiles listed).
    static func load(options: DaemonOptions) throws -> DaemonSettings {
        let collector = YAMLCollector()
        var configuration = DaemonConfiguration()
        var lines: [String: Int] = [:]
        if let path = options.configPath {
            do throws(YAMLIssues) {
                (configuration, lines) = DaemonConfiguration.read(try YAMLFile.read(path: path), file: path,
                                                                  collector: collector)
            } catch {
                error.issues.forEach(collector.add)
            }
        }
        if let profile = options.profile { configuration.hardwareProfile = profile }
        let profile = HardwareProfile.load(configuration.hardwareProfile, collector: collector) { issue in
            var located = issue
            if let flag = options.profile {
                located.file = "--profile \(flag)"
                located.key = ""
            } else if let path = options.configPath {
                located.file = path
                located.line = lines["hardware_profile"]
            } else {
                located.file = "the default profile"
                located.key = ""
            }
            return located
        }
        if let normal = configuration.volumeDB, let path = options.configPath, normal > profile.emergencyVolumeDB {
            collector.warn(YAMLIssue(
                file: path, line: lines["audio.volume_db"], key: "audio.volume_db",
                problem: String(format: "%g dB is above the profile's emergency_volume_db %g dB (%@): emergency "
                                + "alerts would be quieter than routine programmes", normal,
                                profile.emergencyVolumeDB, profile.name)
            ))
        }
        try collector.throwIfAny()
        return DaemonSettings(
            configuration: configuration, profile: profile,
            stateDirectory: options.stateDirectory ?? configuration.stateDirectory ?? PlatformDefaults.stateDirectory(),
            socketPath: options.socketPath ?? configuration.socketPath ?? PlatformDefaults.socketPath(),
            schedulesDirectory: options.schedulesDirectory ?? configuration.schedulesDirectory
                ?? PlatformDefaults.schedulesDirectory(),
            tls: configuration.tls.overridden(by: options.tls), warnings: collector.warnings
        )
    }
}
