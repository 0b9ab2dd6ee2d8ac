import CommuneCastTesting
import Foundation
import Testing

/// Issue 12: the audit log is bounded. A client whose certificate the ACL does not list floods the daemon with refused
/// calls carrying up to 60 KB of parameters or a 30 KB method name; the log keeps a bounded share of such rows, each
/// cut short, and the trail of real staff stays.
@Suite("communecastd: the audit log stays within its retention", .serialized)
struct DaemonAuditRetentionTests {
    /// Opens `count` TLS connections with `certificate`'s credentials, sending one large call on each.
    static let flood = """
        import json, socket, ssl, sys
        port, cert, key, count = int(sys.argv[1]), sys.argv[2], sys.argv[3], int(sys.argv[4])
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
        context.load_cert_chain(cert, key)
        for n in range(count):
            method = "io.communecast.Site.Stop" + "x" * (30_000 if n % 2 else 0)
            pad = "A" * (30_000 if n % 2 else 60_000)
            call = json.dumps({"method": method, "parameters": {"pad": pad}}).encode() + b"\\0"
            with socket.create_connection(("127.0.0.1", port)) as raw:
                with context.wrap_socket(raw) as tls:
                    tls.sendall(call)
                    tls.settimeout(20)
                    while tls.recv(65536):
                        pass
        print("sent", count)
        """

    @Test("refused calls from an unlisted certificate keep their share of a bounded log, cut to 256 bytes")
    func refusedFlood() throws {
        let site = try TLSSite(extraConfiguration: "audit: {max_rows: 100, max_age_days: 30}")
        defer { site.cleanUp() }
        #expect(try site.cli(["stop"], as: "can-bo-xa-an-phu").status == 0, "one call of real staff first")
        let sent = try ProcessRunner.run("/usr/bin/python3", [
            "-c", Self.flood, "\(site.port)", site.pki.file("unlisted.pem"), site.pki.file("unlisted.key"), "60",
        ])
        #expect(sent.status == 0, "\(sent.standardError)")
        #expect(site.daemon.wait(timeout: 60) { site.daemon.log.contains("audit log pruned") }, "\(site.daemon.log)")
        #expect(try site.daemon.wait(timeout: 60) {
            let rows = try site.daemon.databaseRows("SELECT count(*) FROM audit WHERE role = 'none'")
            return Int(rows.first ?? "") ?? 0 < 60
        })
        let refused = try site.daemon.databaseRows("""
            SELECT length(CAST(method AS BLOB)), length(CAST(summary AS BLOB)), summary FROM audit
            WHERE role = 'none'
            """)
        #expect((10...19).contains(refused.count),
                "a tenth of max_rows, and at most one pruning's worth more: \(refused.count)")
        for row in refused {
            let fields = row.split(separator: "|", maxSplits: 2).map(String.init)
            #expect((Int(fields[0]) ?? .max) <= 256 + 32, "method cut: \(row.prefix(80))")
            #expect((Int(fields[1]) ?? .max) <= 256 + 32, "parameters cut: \(row.prefix(80))")
            #expect(fields[2].hasSuffix("bytes)"), "the cut is marked: \(row.prefix(80))")
        }
        let staff = try site.daemon.auditRows().filter { $0.contains("CN=can-bo-xa-an-phu") }
        #expect(staff.count == 1, "\(staff)")
    }
}
