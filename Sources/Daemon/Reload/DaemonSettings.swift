import Foundation
import SiteHardware

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

    /// Reads the configuration file (if `options` names one) and the profile, and resolves the paths; a problem in
    /// either file throws with the file, the line and the key.
    static func load(options: DaemonOptions) throws -> DaemonSettings {
        var configuration = try options.configPath.map { try DaemonConfiguration.load(path: $0) }
            ?? DaemonConfiguration()
        if let profile = options.profile { configuration.hardwareProfile = profile }
        let profile = try HardwareProfile.load(configuration.hardwareProfile)
        return DaemonSettings(
            configuration: configuration, profile: profile,
            stateDirectory: options.stateDirectory ?? configuration.stateDirectory ?? PlatformDefaults.stateDirectory(),
            socketPath: options.socketPath ?? configuration.socketPath ?? PlatformDefaults.socketPath(),
            schedulesDirectory: options.schedulesDirectory ?? configuration.schedulesDirectory
                ?? PlatformDefaults.schedulesDirectory(),
            tls: configuration.tls.overridden(by: options.tls)
        )
    }
}
