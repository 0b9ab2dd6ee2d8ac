import CommuneCastTesting
import ControlProtocol
import ControlServer
import Fleet
import Foundation
import Synchronization
import Testing

/// Grants roles by subject CN from a table the test can change while the server runs.
final class TableAuthorizer: ClientAuthorizer {
    private let roles: Mutex<[String: Role]>

    init(_ roles: [String: Role]) {
        self.roles = Mutex(roles)
    }

    /// Grants `role` to `commonName`, or takes its role away.
    func set(_ commonName: String, _ role: Role?) {
        roles.withLock { $0[commonName] = role }
    }

    func role(for client: ClientCertificate) -> Role? {
        roles.withLock { roles in client.commonName.flatMap { roles[$0] } }
    }
}

/// The test PKI's site certificate behind a TLS listener on a loopback port the system chooses.
enum TLSFixtures {
    /// A TLS listener configuration for `TestServer`.
    static func listener(
        _ pki: TestPKI, authorizer: any ClientAuthorizer, handshakeTimeout: Duration = .seconds(10)
    ) throws -> TLSListenerConfiguration {
        try TLSListenerConfiguration(
            host: "127.0.0.1", port: 0, certificatePath: pki.file("test-site.pem"), keyPath: pki.file("test-site.key"),
            clientCAPath: pki.file("province-ca.pem"), authorizer: authorizer, handshakeTimeout: handshakeTimeout
        )
    }

    /// The client credentials of `name` (nil for none), trusting `ca` for the site.
    static func credentials(_ pki: TestPKI, _ name: String?, ca: String = "province-ca.pem") throws
        -> TLSClientCredentials
    {
        try TLSClientCredentials(
            certificatePath: name.map { pki.file("\($0).pem") }, keyPath: name.map { pki.file("\($0).key") },
            caPath: pki.file(ca)
        )
    }

    /// The server's TLS address, dialled as `host`.
    static func address(of server: TestServer, host: String = "127.0.0.1") throws -> SiteAddress {
        let bound = try #require(server.server.tlsAddress)
        let port = try #require(Int(bound.split(separator: ":").last ?? ""))
        return .tls(host: host, port: port)
    }
}

/// A TCP connection that sends nothing, to time how long the server keeps it.
enum SilentTCPClient {
    /// Connects to 127.0.0.1:`port`, sends nothing, and returns how long the server took to close the connection
    /// (at most `limit` seconds).
    static func secondsUntilClosed(port: Int, limit: Int = 60) async throws -> Double {
        try await RawSocket.blocking {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            defer { close(fd) }
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(port).bigEndian)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            let start = Date()
            let status = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
            guard status == 0 else { throw RawSocket.Failure(description: "connect: errno \(errno)") }
            var timeout = timeval(tv_sec: limit, tv_usec: 0)
            setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            var buffer = [UInt8](repeating: 0, count: 1024)
            while read(fd, &buffer, buffer.count) > 0 {}
            return Date().timeIntervalSince(start)
        }
    }
}
