import Foundation
import HTTPClientChannel
import Uplink
import YAMLSupport

/// The call-home uplink (issue 15): the `uplink:` map of `communecastd.yaml`. Absent `brokers`, there is no uplink
/// and nothing changes (the Unix socket and the TLS listener stay either way).
///
/// ```yaml
/// uplink:
///   brokers: ["mqtts://mqtt.angiang.example:8883", "mqtts://mqtt2.angiang.example:8883"]
///   cert: trust/xa-an-phu-uplink.pem   # CN = site.name, extended key usage clientAuth
///   key: trust/xa-an-phu-uplink.key
///   ca: trust/province-ca.pem          # the CA of the brokers' certificates; default alerts.trust_ca
///   groups: [p-89, c-30316, ven-song]  # `all` is always added
///   will_delay_s: 60                   # how long after a lost connection the broker says offline
///   health_interval_s: 300             # retained health at least this often (and on every change)
///   media_host: https://media.angiang.example   # where media an alert names is fetched: MEDIA_HOST/media/SHA.opus
/// ```
///
/// The site's name (`site.name`) is its name on the broker: it must equal the uplink certificate's CN, which the
/// broker makes its username. Relative paths are taken from the configuration file's directory, as in `tls:`.
public struct UplinkSettings: Sendable, Equatable {
    /// The brokers in order of preference, as written.
    public var brokers: [String] = []
    /// The uplink certificate (PEM).
    public var certificate: String?
    /// Its private key (PEM).
    public var key: String?
    /// The CA of the brokers' certificates (PEM); `nil` means `alerts.trust_ca`, then `tls.client_ca`.
    public var ca: String?
    /// The groups this site subscribes to, besides `all`.
    public var groups: [String] = []
    /// Seconds after a lost connection before the broker publishes the Will.
    public var willDelaySeconds = 60
    /// Seconds between two retained health messages when nothing changes.
    public var healthIntervalSeconds = 300
    /// The province media host (`http(s)://HOST[:PORT][/PATH]`) media an alert names by SHA-256 is fetched from when
    /// the site lacks it; `nil`: none, and such an alert is refused as before. It works with direct pushes too.
    public var mediaHost: String?

    /// No uplink.
    public init() {}

    /// Whether an uplink is configured.
    var isEnabled: Bool { !brokers.isEmpty }

    /// Reads the `uplink:` map, resolving relative paths against `directory`; checks the broker addresses, the
    /// group ids and the site name on the spot, so `--check-config` names the line.
    static func parse(_ map: YAMLMap, directory: String, siteName: String) -> UplinkSettings {
        func path(_ key: String) -> String? {
            guard let value = map.string(key) else { return nil }
            return value.hasPrefix("/") ? value : "\(directory)/\(value)"
        }
        var settings = UplinkSettings()
        settings.brokers = map.strings("brokers")
        settings.certificate = path("cert")
        settings.key = path("key")
        settings.ca = path("ca")
        settings.groups = map.strings("groups")
        settings.willDelaySeconds = map.int("will_delay_s", default: 60, in: 0...86_400, unit: "seconds")
        settings.healthIntervalSeconds = map.int("health_interval_s", default: 300, in: 10...3_600, unit: "seconds")
        settings.mediaHost = map.string("media_host")
        if let host = settings.mediaHost, let problem = Self.mediaHostProblem(host) {
            map.report("media_host", problem, at: map.node("media_host"))
        }
        for broker in settings.brokers {
            do {
                _ = try BrokerEndpoint(parsing: broker)
            } catch {
                map.report("brokers", error.description, at: map.node("brokers"))
            }
        }
        for group in settings.groups where (try? GroupID(group)) == nil {
            map.report("groups", "'\(group)' is not a group id: use 1 to 64 letters, digits, '.', '_' or '-'",
                       at: map.node("groups"))
        }
        if settings.isEnabled, (try? Uplink.SiteName(siteName)) == nil {
            map.report("brokers", "site.name '\(siteName)' cannot be a name on the broker: use 1 to 64 letters, "
                       + "digits, '.', '_' or '-', as in the uplink certificate's CN", at: map.node("brokers"))
        }
        map.finish()
        return settings
    }

    /// What is wrong with `host` as a media host's base URL, or `nil`.
    static func mediaHostProblem(_ host: String) -> String? {
        guard HTTPTarget(url: host) != nil, let url = URL(string: host), url.query == nil, url.fragment == nil,
              url.user == nil else {
            return "'\(host)' is not a media host: give its base URL, http://HOST[:PORT][/PATH] or https://…, "
                + "under which the site fetches media/SHA256.opus"
        }
        return nil
    }
}
