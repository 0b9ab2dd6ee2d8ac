import Foundation

extension DaemonHarness {
    /// The `tls:` configuration for a listener on a loopback port of the system's choosing, with the test PKI's site
    /// certificate and CA, and the ACL at `acl`; pass it as `extraConfiguration`.
    public static func tlsConfiguration(pki: TestPKI, acl: String, handshakeTimeout: Double = 10) -> String {
        """
        tls:
          listen: "127.0.0.1:0"
          cert: \(pki.file("test-site.pem"))
          key: \(pki.file("test-site.key"))
          client_ca: \(pki.file("province-ca.pem"))
          acl: \(acl)
          handshake_timeout_s: \(handshakeTimeout)
        """
    }

    /// The TLS listener's port, read from the daemon's "control server listening" log line (waits for it).
    public func tlsPort(timeout: Double = 60) throws -> Int {
        var port: Int?
        _ = wait(timeout: timeout) {
            port = Self.tlsPort(inLog: log)
            return port != nil
        }
        guard let port else { throw HarnessError("communecastd did not report a TLS listener:\n\(log)") }
        return port
    }

    /// `tls=127.0.0.1:PORT` from the listening line.
    static func tlsPort(inLog log: String) -> Int? {
        for line in log.split(separator: "\n") where line.contains("control server listening") {
            guard let range = line.range(of: "tls=127.0.0.1:") else { continue }
            return Int(line[range.upperBound...].prefix { $0.isNumber })
        }
        return nil
    }

    /// Rows of the audit log, oldest first, as "identity|role|method|result".
    public func auditRows() throws -> [String] {
        try databaseRows("SELECT identity, role, method, result FROM audit ORDER BY id")
    }
}
