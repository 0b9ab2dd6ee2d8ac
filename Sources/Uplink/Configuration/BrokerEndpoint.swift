/// One MQTT broker the uplink may connect to, written `mqtts://HOST:PORT` (TLS, the default port 8883) or
/// `mqtt://HOST:PORT` (plain TCP, port 1883, for a broker on the same machine only). IPv6 hosts go in brackets.
public struct BrokerEndpoint: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The broker's name or address, checked against its certificate.
    public var host: String
    /// The TCP port.
    public var port: Int
    /// Whether the connection uses TLS (mutual: the uplink always presents its certificate).
    public var usesTLS: Bool

    /// An endpoint from its parts.
    public init(host: String, port: Int, usesTLS: Bool = true) {
        self.host = host
        self.port = port
        self.usesTLS = usesTLS
    }

    /// Parses `mqtts://HOST[:PORT]` or `mqtt://HOST[:PORT]`.
    public init(parsing text: String) throws(BrokerEndpointError) {
        let rest: Substring
        if text.hasPrefix("mqtts://") {
            usesTLS = true
            rest = text.dropFirst("mqtts://".count)
        } else if text.hasPrefix("mqtt://") {
            usesTLS = false
            rest = text.dropFirst("mqtt://".count)
        } else {
            throw .unknownScheme(text)
        }
        let defaultPort = usesTLS ? 8883 : 1883
        var hostPart = rest
        var portText: Substring?
        if rest.hasPrefix("[") {
            guard let close = rest.firstIndex(of: "]") else { throw .missingHost(text) }
            hostPart = rest[rest.index(after: rest.startIndex)..<close]
            let after = rest[rest.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else { throw .invalidPort(text) }
                portText = after.dropFirst()
            }
        } else if let colon = rest.lastIndex(of: ":") {
            hostPart = rest[..<colon]
            portText = rest[rest.index(after: colon)...]
        }
        guard !hostPart.isEmpty, !hostPart.contains("/") else { throw .missingHost(text) }
        host = String(hostPart)
        if let portText {
            guard let value = Int(portText), (1...65_535).contains(value) else { throw .invalidPort(text) }
            port = value
        } else {
            port = defaultPort
        }
    }

    /// The endpoint as it is written.
    public var description: String {
        let name = host.contains(":") ? "[\(host)]" : host
        return "\(usesTLS ? "mqtts" : "mqtt")://\(name):\(port)"
    }
}

/// Why a broker address could not be understood, quoting it as written.
public enum BrokerEndpointError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Neither `mqtts://` nor `mqtt://`.
    case unknownScheme(String)
    /// No host after the scheme.
    case missingHost(String)
    /// A port that is not a number from 1 to 65535.
    case invalidPort(String)

    /// A sentence an operator editing the configuration can act on.
    public var description: String {
        switch self {
        case .unknownScheme(let text):
            "broker address '\(text)' must start with mqtts:// (TLS, as mqtts://mqtt.example:8883) or mqtt://"
        case .missingHost(let text): "broker address '\(text)' has no host; write mqtts://HOST:PORT"
        case .invalidPort(let text): "broker address '\(text)' has a port that is not a number from 1 to 65535"
        }
    }
}
