import Foundation
import Uplink

extension UplinkSettings {
    /// The uplink these settings describe, with its files checked, or `nil` when no broker is set. Throws when a
    /// setting is missing or a file cannot be read, naming the key and the file (`--check-config` and start-up).
    func configuration(siteName: String, alerts: AlertSettings, tls: TLSSettings) throws -> UplinkConfiguration? {
        guard isEnabled else {
            let files = [("cert", certificate), ("key", key), ("ca", ca)]
            let stray = files.filter { $0.1 != nil }.map { "uplink.\($0.0)" }
                + (groups.isEmpty ? [] : ["uplink.groups"])
            if !stray.isEmpty {
                throw UplinkSettingsError("\(stray.joined(separator: ", ")) given without uplink.brokers; list the "
                                          + "brokers (mqtts://HOST:PORT), or remove them")
            }
            return nil
        }
        var endpoints: [BrokerEndpoint] = []
        for text in brokers {
            do {
                endpoints.append(try BrokerEndpoint(parsing: text))
            } catch {
                throw UplinkSettingsError("uplink.brokers: \(error.description)")
            }
        }
        let caPath = ca ?? alerts.trustCA ?? tls.clientCA
        let files: [(String, String?)] = [("uplink.cert", certificate), ("uplink.key", key),
                                          ("uplink.ca (or alerts.trust_ca)", caPath)]
        let missing = files.filter { $0.1 == nil }.map(\.0)
        guard missing.isEmpty, let certificate, let key, let caPath else {
            throw UplinkSettingsError("the uplink to \(brokers.joined(separator: ", ")) also needs "
                                      + missing.joined(separator: ", "))
        }
        for (name, path) in [("uplink.cert", certificate), ("uplink.key", key), ("uplink.ca", caPath)] {
            guard FileManager.default.isReadableFile(atPath: path) else {
                throw UplinkSettingsError("\(name): cannot read \(path) (missing, or not readable by this user)")
            }
            let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
            guard text.contains("-----BEGIN ") else {
                throw UplinkSettingsError("\(name): \(path) is not a PEM file (no -----BEGIN line)")
            }
        }
        let site: Uplink.SiteName
        do {
            site = try Uplink.SiteName(siteName)
        } catch {
            throw UplinkSettingsError("site.name: \(error)")
        }
        var configuration = UplinkConfiguration(
            brokers: endpoints, clientID: site.rawValue,
            credentials: UplinkCredentials(caPath: caPath, certificatePath: certificate, keyPath: key)
        )
        configuration.presence = UplinkPresence(site: site, willDelay: .seconds(willDelaySeconds))
        return configuration
    }

    /// The groups to subscribe to: those configured, and `all`.
    var groupIDs: [GroupID] {
        let configured = groups.compactMap { try? GroupID($0) }
        return configured.contains(.all) ? configured : configured + [.all]
    }

    /// The line of `--check-config`'s summary.
    func summary(_ configuration: UplinkConfiguration?) -> String {
        let media = mediaHost.map { "; media from \($0)/media/SHA256.opus" } ?? "; no media host"
        guard let configuration else { return "uplink off (no uplink.brokers)" + media }
        let credentials = configuration.credentials
        return "uplink \(configuration.brokers.map(\.description).joined(separator: ", ")) as "
            + "\(configuration.clientID), cert \(credentials.certificatePath), ca \(credentials.caPath); groups "
            + "[\(groupIDs.map(\.rawValue).joined(separator: ", "))]; will delay \(willDelaySeconds) s, health every "
            + "\(healthIntervalSeconds) s" + media
    }
}

/// An uplink setting that is missing or unusable, in words naming the key and the file.
struct UplinkSettingsError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) { self.description = description }
}
