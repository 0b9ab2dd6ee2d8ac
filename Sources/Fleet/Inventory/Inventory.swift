import Foundation
import Uplink
import YAMLSupport

/// The province's list of sites (issue 5): where each daemon listens, which commune it serves, its tags, and the
/// credentials to reach it.
///
/// ```yaml
/// defaults: {cert: staff.pem, key: staff.key, ca: province-ca.pem}
/// sites:
///   - {name: an-phu-1, commune: "30292", address: "tls:10.8.1.11:7420", tags: [an-phu, flood-zone]}
///   - {name: bench, address: "unix:/run/communecast/control.sock"}
///   - {name: xa-an-phu, commune: "30316", via: "mqtts://mqtt.angiang.example:8883", tags: [ven-song]}
/// ```
/// A site with `via` (a call-home broker, or a list tried in order; also in `defaults`) is reached through that
/// broker (issue 15) by `alert send`, `alert cancel`, `schedule add` and `health`; it needs no `address`, since
/// nothing dials it (a command that only dials finds it unreachable).
/// Relative paths are read from the inventory's directory. A site may override `cert`, `key` and `ca`. For CAP
/// intake (issue 17) a site may give its `location: {lat: 10.81, lon: 105.09}` (WGS 84 decimal degrees) and its
/// `geocodes: {"VN:MaXa": "30292"}`, which CAP areas are matched against.
public struct Inventory: Sendable, Equatable {
    /// Where a site stands, in WGS 84 decimal degrees.
    public struct Location: Sendable, Equatable {
        /// Latitude, -90 to 90.
        public var latitude: Double
        /// Longitude, -180 to 180.
        public var longitude: Double

        /// Creates a location.
        public init(latitude: Double, longitude: Double) {
            self.latitude = latitude
            self.longitude = longitude
        }
    }

    /// One site as the inventory lists it.
    public struct Site: Sendable, Equatable {
        /// A unique short name, used on the command line and in reports.
        public var name: String
        /// The commune code or name, for reports.
        public var commune: String
        /// Where its daemon listens.
        public var address: SiteAddress
        /// Free-form labels for `--tag`.
        public var tags: [String]
        /// The client certificate for `tls:` addresses (an absolute path).
        public var certificatePath: String?
        /// The client certificate's private key (an absolute path).
        public var keyPath: String?
        /// The CA that signed the site's certificate (an absolute path).
        public var caPath: String?
        /// Where the site stands, for CAP areas.
        public var location: Location?
        /// The site's geocodes by CAP `valueName`, for CAP areas.
        public var geocodes: [String: [String]]
        /// The call-home brokers the site is reached through (`mqtts://HOST:PORT`, in order), or none: dialled.
        public var via: [String] = []

        /// Creates a site.
        public init(name: String, commune: String = "", address: SiteAddress, tags: [String] = [],
                    certificatePath: String? = nil, keyPath: String? = nil, caPath: String? = nil,
                    location: Location? = nil, geocodes: [String: [String]] = [:]) {
            self.name = name
            self.commune = commune
            self.address = address
            self.tags = tags
            self.certificatePath = certificatePath
            self.keyPath = keyPath
            self.caPath = caPath
            self.location = location
            self.geocodes = geocodes
        }
    }

    /// The sites, in file order.
    public var sites: [Site]

    /// Creates an inventory.
    public init(sites: [Site]) {
        self.sites = sites
    }

    /// Reads and validates an inventory file, reporting every problem with file, line and key.
    public static func load(path: String) throws -> Inventory {
        try parse(try YAMLFile.read(path: path), file: path)
    }

    /// Validates inventory text; `file` names it in messages and gives the directory relative paths start from.
    public static func parse(_ text: String, file: String) throws -> Inventory {
        let collector = YAMLCollector()
        let root = YAMLMap.parse(text, file: file, collector: collector)
        // A document that is not YAML has no keys to check: "sites: missing" would be false.
        try collector.throwIfAny()
        let base = URL(fileURLWithPath: file).deletingLastPathComponent().path
        func absolute(_ path: String?) -> String? {
            guard let path, !path.isEmpty else { return nil }
            return path.hasPrefix("/") ? path : "\(base)/\(path)"
        }
        let defaults = root.map("defaults")
        let defaultCertificate = absolute(defaults.string("cert"))
        let defaultKey = absolute(defaults.string("key"))
        let defaultCA = absolute(defaults.string("ca"))
        let defaultVia = Self.via(defaults)
        defaults.finish()
        if root.node("sites") == nil { root.report("sites", "missing; list the sites with name and address") }
        var sites: [Site] = []
        var seen: Set<String> = []
        for item in root.maps("sites") {
            let name = item.string("name")
            if name == nil { item.report("name", "missing; every site needs a unique short name") }
            if let name, !seen.insert(name).inserted {
                item.report("name", "'\(name)' is listed twice; site names are unique", at: item.node("name"))
            }
            let commune = item.string("commune", default: "")
            let via = item.node("via") == nil ? defaultVia : Self.via(item)
            var address: SiteAddress?
            if via.isEmpty == false, item.node("address") == nil {
                address = Self.callHomeOnly
            } else if let text = item.string("address") {
                do {
                    address = try SiteAddress(parsing: text, relativeTo: base)
                } catch {
                    item.report("address", "\(error)", at: item.node("address"))
                }
            } else {
                item.report("address", "missing; give tls:HOST:PORT or unix:PATH, or via: mqtts://BROKER:PORT")
            }
            let tags = item.strings("tags")
            let certificate = absolute(item.string("cert")) ?? defaultCertificate
            let key = absolute(item.string("key")) ?? defaultKey
            let ca = absolute(item.string("ca")) ?? defaultCA
            if case .tls = address {
                if ca == nil {
                    item.report("ca", "a tls: site needs the CA that signed its certificate (here or in defaults)")
                }
                if (certificate == nil) != (key == nil) {
                    item.report("cert", "cert and key go together (here or in defaults)")
                }
            }
            let location = Self.location(item.map("location"))
            let geocodes = item.stringLists("geocodes")
            item.finish()
            if let name, let address {
                var site = Site(name: name, commune: commune, address: address, tags: tags,
                                certificatePath: certificate, keyPath: key, caPath: ca, location: location,
                                geocodes: geocodes)
                site.via = via
                sites.append(site)
            }
        }
        root.finish()
        try collector.throwIfAny()
        return Inventory(sites: sites)
    }

    /// The address of a site listed with `via` and no `address`: a socket that does not exist, so a command that
    /// only dials reports it unreachable, naming this path.
    public static let callHomeOnly = SiteAddress.unix(path: "/nonexistent/call-home-only")

    /// `via:` of `map`: one broker address or a list, each `mqtts://HOST[:PORT]`.
    private static func via(_ map: YAMLMap) -> [String] {
        let addresses = map.strings("via")
        for address in addresses {
            do {
                _ = try BrokerEndpoint(parsing: address)
            } catch {
                map.report("via", error.description, at: map.node("via"))
            }
        }
        return addresses
    }

    /// A site's `location: {lat, lon}`, both required and on the globe; nil when absent.
    private static func location(_ map: YAMLMap) -> Location? {
        let latitude = map.double("lat", default: .nan, in: -90...90, unit: "degrees")
        let longitude = map.double("lon", default: .nan, in: -180...180, unit: "degrees")
        map.finish()
        switch (latitude.isNaN, longitude.isNaN) {
        case (false, false): return Location(latitude: latitude, longitude: longitude)
        case (true, false): map.report("lat", "missing; a location needs lat and lon")
        case (false, true): map.report("lon", "missing; a location needs lat and lon")
        case (true, true): break
        }
        return nil
    }

    /// The sites chosen by `--site` names, `--tag` tags (a site with any of them) or `all`, in inventory order.
    ///
    /// - Throws: ``InventoryError`` for a name that is not in the inventory, a tag no site has, or no selection.
    public func select(names: [String], tags: [String], all: Bool) throws(InventoryError) -> [Site] {
        guard all || !names.isEmpty || !tags.isEmpty else { throw .noSelection }
        let known = Set(sites.map(\.name))
        if let unknown = names.first(where: { !known.contains($0) }) { throw .unknownSite(unknown) }
        let used = Set(sites.flatMap(\.tags))
        if let unknown = tags.first(where: { !used.contains($0) }) { throw .unknownTag(unknown) }
        if all { return sites }
        return sites.filter { site in names.contains(site.name) || site.tags.contains(where: tags.contains) }
    }
}

/// Why a selection of sites cannot be made.
public enum InventoryError: Error, Equatable, CustomStringConvertible {
    /// `--site` names a site the inventory does not list.
    case unknownSite(String)
    /// `--tag` names a tag no site has (a typo would otherwise select nothing).
    case unknownTag(String)
    /// None of `--site`, `--tag` or `--all` was given.
    case noSelection

    /// The problem in words.
    public var description: String {
        switch self {
        case .unknownSite(let name): "the inventory lists no site named '\(name)'"
        case .unknownTag(let tag): "no site in the inventory has the tag '\(tag)'"
        case .noSelection: "choose sites with --site NAME, --tag TAG or --all"
        }
    }
}
