import ControlServer
import Foundation
import Logging
import Uplink

extension SiteDaemon {
    /// The uplink `settings` describe, with its files checked, or `nil` without `uplink.brokers`; a problem names
    /// the configuration file and the key.
    static func checkUplink(_ settings: DaemonSettings, configPath: String?) throws -> UplinkConfiguration? {
        let configuration = settings.configuration
        do {
            return try configuration.uplink.configuration(siteName: configuration.siteName,
                                                          alerts: configuration.alerts, tls: settings.tls)
        } catch let error as UplinkSettingsError {
            throw UplinkSettingsError("\(configPath ?? "communecastd.yaml"): \(error.description)")
        }
    }

    /// The uplink service's worker for `site`, handing signed calls to `server`, or `nil` without an uplink.
    func makeUplink(site: SiteContext, server: ControlServer) throws -> SiteUplink? {
        guard let uplink else { return nil }
        return try SiteUplink(configuration: uplink, settings: configuration.uplink, context: site, server: server,
                              logger: logger)
    }
}
