import ControlServer
import Foundation
import Logging
import YAMLSupport

/// The remote-control listener's settings (DESIGN §5): the `tls:` map of `communecastd.yaml`, which the
/// `--tls-*` and `--acl` flags override key by key. Absent `listen`, there is no TLS listener.
///
/// ```yaml
/// tls:
///   listen: "0.0.0.0:7420"
///   cert: trust/site.pem
///   key: trust/site.key
///   client_ca: trust/province-ca.pem
///   acl: trust/acl.yaml
///   handshake_timeout_s: 10
/// ```
///
/// Relative paths in the file are taken from the file's directory, so `/etc/communecast/trust/…` can be written
/// `trust/…`; relative paths given as flags are taken from the working directory, as usual.
public struct TLSSettings: Sendable, Equatable {
    /// `HOST:PORT` to listen on, IPv6 hosts in brackets (`[::]:7420`).
    public var listen: String?
    /// The site's certificate chain (PEM): the site certificate first, then any intermediates.
    public var certificate: String?
    /// The site certificate's private key (PEM).
    public var key: String?
    /// The CA (PEM) that signs the staff client certificates this site accepts.
    public var clientCA: String?
    /// The ACL file (YAML) mapping client certificates to roles.
    public var acl: String?
    /// Seconds a client has to complete the TLS handshake.
    public var handshakeTimeoutSeconds: Double?

    /// Nothing set: no TLS listener.
    public init(listen: String? = nil, certificate: String? = nil, key: String? = nil, clientCA: String? = nil,
                acl: String? = nil, handshakeTimeoutSeconds: Double? = nil) {
        self.listen = listen
        self.certificate = certificate
        self.key = key
        self.clientCA = clientCA
        self.acl = acl
        self.handshakeTimeoutSeconds = handshakeTimeoutSeconds
    }

    /// Reads the `tls:` map, resolving relative paths against `directory` (the configuration file's).
    static func parse(_ map: YAMLMap, directory: String) -> TLSSettings {
        func path(_ key: String) -> String? {
            guard let value = map.string(key) else { return nil }
            return value.hasPrefix("/") ? value : "\(directory)/\(value)"
        }
        var settings = TLSSettings(
            listen: map.string("listen"), certificate: path("cert"), key: path("key"), clientCA: path("client_ca"),
            acl: path("acl")
        )
        if map.node("handshake_timeout_s") != nil {
            settings.handshakeTimeoutSeconds = map.double("handshake_timeout_s", default: 10, in: 0.1...300,
                                                          unit: "seconds")
        }
        if let listen = settings.listen, (try? Self.endpoint(listen)) == nil {
            map.report("listen", "'\(listen)' is not HOST:PORT, such as 0.0.0.0:7420 or [::]:7420",
                       at: map.node("listen"))
        }
        map.finish()
        return settings
    }

    /// These settings with every value `flags` sets taking precedence.
    public func overridden(by flags: TLSSettings) -> TLSSettings {
        TLSSettings(
            listen: flags.listen ?? listen, certificate: flags.certificate ?? certificate, key: flags.key ?? key,
            clientCA: flags.clientCA ?? clientCA, acl: flags.acl ?? acl,
            handshakeTimeoutSeconds: flags.handshakeTimeoutSeconds ?? handshakeTimeoutSeconds
        )
    }

    /// The listener these settings describe, with its files read and its ACL loaded; `nil` when `listen` is not
    /// set. Throws when a setting is missing or a file is unusable, naming the key, the flag or the file.
    func listener(logger: Logger) throws -> (configuration: TLSListenerConfiguration, acl: ACLFile)? {
        let given: [(String, String?)] = [
            ("cert (--tls-cert)", certificate), ("key (--tls-key)", key), ("client_ca (--tls-client-ca)", clientCA),
            ("acl (--acl)", acl),
        ]
        guard let listen else {
            let stray = given.filter { $0.1 != nil }.map { "tls.\($0.0)" }
            if !stray.isEmpty {
                throw TLSSettingsError("\(stray.joined(separator: ", ")) given without tls.listen (--tls-listen); "
                                       + "set HOST:PORT to listen on, or remove them")
            }
            return nil
        }
        let missing = given.filter { $0.1 == nil }.map { "tls.\($0.0)" }
        guard missing.isEmpty, let certificate, let key, let clientCA, let acl else {
            throw TLSSettingsError("the TLS listener \(listen) also needs \(missing.joined(separator: ", "))")
        }
        let (host, port) = try Self.endpoint(listen)
        let aclFile = try ACLFile(path: acl, logger: logger)
        let configuration = try TLSListenerConfiguration(
            host: host, port: port, certificatePath: certificate, keyPath: key, clientCAPath: clientCA,
            authorizer: aclFile, handshakeTimeout: .milliseconds(Int64((handshakeTimeoutSeconds ?? 10) * 1_000))
        )
        return (configuration, aclFile)
    }

    /// Splits `HOST:PORT` or `[IPv6]:PORT`.
    static func endpoint(_ text: String) throws -> (host: String, port: Int) {
        let problem = TLSSettingsError("tls.listen (--tls-listen) '\(text)' is not HOST:PORT, such as 0.0.0.0:7420 "
                                       + "or [::]:7420")
        var host: Substring
        let portText: Substring
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]"), text[text.index(after: close)...].hasPrefix(":") else {
                throw problem
            }
            host = text[text.index(after: text.startIndex)..<close]
            portText = text[text.index(close, offsetBy: 2)...]
        } else {
            guard let colon = text.lastIndex(of: ":") else { throw problem }
            host = text[..<colon]
            portText = text[text.index(after: colon)...]
            if host.contains(":") { throw problem }
        }
        guard !host.isEmpty, let port = Int(portText), (0...65_535).contains(port) else { throw problem }
        return (String(host), port)
    }
}

/// A TLS setting that is missing or contradicts another, in words naming the key and the flag.
struct TLSSettingsError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) { self.description = description }
}
