import ControlProtocol
import ControlServer
import Foundation
import YAMLSupport

/// The control server's connection budgets and message arrival bounds: keys of `limits:` in `communecastd.yaml`
/// (issue 12), beside `max_connections` (the Unix socket's budget) and `idle_timeout_s`.
///
/// ```yaml
/// limits:
///   max_tls_connections: 64             # TLS clients through the handshake
///   max_tls_handshakes: 32              # TLS connections still in their handshake
///   max_tls_handshakes_per_address: 8   # of those, from one remote address
///   message_timeout_s: 30               # a message must arrive whole within this of its first byte
///   upload_timeout_s: 600               # the same for UploadMedia (up to 16 MiB)
///   refusal_log_interval_s: 60          # refused connections are summarised once per interval
/// ```
public struct ConnectionLimits: Sendable, Equatable {
    /// TLS clients through the handshake at once.
    public var maxTLSConnections = 64
    /// TLS connections not yet through the handshake at once.
    public var maxTLSHandshakes = 32
    /// Of those, from one remote address.
    public var maxTLSHandshakesPerAddress = 8
    /// Seconds a message may take to arrive whole, from its first byte.
    public var messageTimeoutSeconds = 30.0
    /// Seconds an `UploadMedia` message may take to arrive whole.
    public var uploadTimeoutSeconds = 600.0
    /// Seconds between summary lines of refused connections.
    public var refusalLogIntervalSeconds = 60.0

    /// The defaults.
    public init() {}

    /// Reads the keys from the `limits:` map (which the caller finishes), reporting values out of range and
    /// combinations that make no sense.
    static func parse(_ limits: YAMLMap) -> ConnectionLimits {
        var result = ConnectionLimits()
        result.maxTLSConnections = limits.int("max_tls_connections", default: result.maxTLSConnections,
                                              in: 1...4_096, unit: "connections")
        result.maxTLSHandshakes = limits.int("max_tls_handshakes", default: result.maxTLSHandshakes,
                                             in: 1...4_096, unit: "connections")
        result.maxTLSHandshakesPerAddress = limits.int(
            "max_tls_handshakes_per_address", default: result.maxTLSHandshakesPerAddress, in: 1...4_096,
            unit: "connections"
        )
        if result.maxTLSHandshakesPerAddress > result.maxTLSHandshakes {
            limits.report("max_tls_handshakes_per_address",
                          "\(result.maxTLSHandshakesPerAddress) is more than max_tls_handshakes "
                            + "(\(result.maxTLSHandshakes)); one address cannot hold more than the whole budget",
                          at: limits.node("max_tls_handshakes_per_address"))
        }
        result.messageTimeoutSeconds = limits.double("message_timeout_s", default: result.messageTimeoutSeconds,
                                                     in: 0.1...3_600, unit: "seconds")
        result.uploadTimeoutSeconds = limits.double("upload_timeout_s", default: result.uploadTimeoutSeconds,
                                                    in: 0.1...86_400, unit: "seconds")
        if result.uploadTimeoutSeconds < result.messageTimeoutSeconds {
            limits.report("upload_timeout_s",
                          "\(result.uploadTimeoutSeconds) s is shorter than message_timeout_s "
                            + "(\(result.messageTimeoutSeconds) s); an upload is the largest message",
                          at: limits.node("upload_timeout_s"))
        }
        result.refusalLogIntervalSeconds = limits.double(
            "refusal_log_interval_s", default: result.refusalLogIntervalSeconds, in: 0.1...86_400, unit: "seconds"
        )
        return result
    }

    /// Copies these limits into the control server's configuration.
    func apply(to server: inout ServerConfiguration) {
        server.maxTLSClients = maxTLSConnections
        server.maxTLSHandshakes = maxTLSHandshakes
        server.maxTLSHandshakesPerAddress = maxTLSHandshakesPerAddress
        server.messageTimeout = Self.duration(messageTimeoutSeconds)
        server.refusalLogInterval = Self.duration(refusalLogIntervalSeconds)
        server.methodMessageTimeouts[Site.UploadMedia.name] = Self.duration(uploadTimeoutSeconds)
    }

    /// The line of `--check-config`'s summary, with the Unix socket's budget and the idle timeout beside them.
    func summary(unixConnections: Int, idleTimeoutSeconds: Double) -> String {
        "limits: unix socket \(unixConnections) connections; tls \(maxTLSConnections) clients, "
            + "\(maxTLSHandshakes) handshakes (\(maxTLSHandshakesPerAddress) per address); "
            + "idle \(Self.seconds(idleTimeoutSeconds)), message \(Self.seconds(messageTimeoutSeconds)) "
            + "(upload \(Self.seconds(uploadTimeoutSeconds))); refusals logged every "
            + Self.seconds(refusalLogIntervalSeconds)
    }

    private static func duration(_ seconds: Double) -> Duration {
        .milliseconds(Int64((seconds * 1_000).rounded()))
    }

    private static func seconds(_ value: Double) -> String {
        String(format: "%g s", value)
    }
}
