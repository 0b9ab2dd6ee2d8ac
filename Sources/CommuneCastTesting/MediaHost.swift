import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A province media host for the call-home tests (issue 15, docs/call-home.md "Media"): Debian's nginx (`nginx-light`)
/// on two free loopback ports, configured by the `# media-host: nginx` block of docs/call-home.md as written (only the
/// listen addresses, the certificate, key and CA and the root are changed): `ROOT/media/SHA256.opus` served with ranges
/// to anyone over HTTP (``url``) and HTTPS (``uploadURL``), and taken by `PUT` only over HTTPS from a staff
/// certificate of the test PKI. Each request is logged as `METHOD URI STATUS "RANGE" BYTES`, so a test can see a
/// resumed download.
public final class MediaHost: @unchecked Sendable {
    /// The directory holding the configuration, the served root (`root/`) and the logs.
    public let directory: TemporaryDirectory
    /// The plain HTTP port (127.0.0.1).
    public let port: Int
    /// The HTTPS port (127.0.0.1), with the test PKI's broker certificate (it names 127.0.0.1).
    public let tlsPort: Int
    private let process: Process

    /// Writes the configuration and starts nginx in the foreground (one process, no privilege change); returns once
    /// both ports accept connections.
    public init(pki: TestPKI? = nil, timeout: Double = 60) throws {
        let pki = try pki ?? TestPKI.shared()
        directory = try TemporaryDirectory(prefix: "communecast-media-host")
        port = try LoopbackPort.free()
        var other = try LoopbackPort.free()
        while other == port { other = try LoopbackPort.free() }
        tlsPort = other
        for sub in ["root/media", "tmp"] {
            try FileManager.default.createDirectory(atPath: directory.file(sub), withIntermediateDirectories: true)
        }
        try Self.configuration(directory.path, port: port, tlsPort: tlsPort, pki: pki)
            .write(toFile: directory.file("nginx.conf"), atomically: true, encoding: .utf8)
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/sbin/nginx")
        process.arguments = ["-c", directory.file("nginx.conf"), "-p", directory.path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle(forWritingAtPath: "/dev/null")
        try process.run()
        let (port, tlsPort) = (port, tlsPort)
        guard Poll.until(timeout: timeout, { LoopbackPort.accepts(port) && LoopbackPort.accepts(tlsPort) }),
              process.isRunning else {
            stop()
            throw HarnessError("nginx did not start on ports \(port) and \(tlsPort) within \(timeout) s: \(errorLog())")
        }
    }

    deinit { stop() }

    /// `http://127.0.0.1:PORT`, the value of `uplink.media_host` and `--media-host`.
    public var url: String { "http://127.0.0.1:\(port)" }

    /// `https://127.0.0.1:TLSPORT`: the office's `--media-host`, where a staff certificate may `PUT`.
    public var uploadURL: String { "https://127.0.0.1:\(tlsPort)" }

    /// The served file for `sha256`.
    public func file(_ sha256: String) -> String { directory.file("root/media/\(sha256).opus") }

    /// The requests so far, one `METHOD URI STATUS "RANGE" BYTES` line each.
    public func requests() -> [String] {
        ((try? String(contentsOfFile: directory.file("access.log"), encoding: .utf8)) ?? "")
            .split(separator: "\n").map(String.init)
    }

    /// nginx's error log.
    public func errorLog() -> String {
        (try? String(contentsOfFile: directory.file("error.log"), encoding: .utf8)) ?? ""
    }

    /// Stops nginx (SIGKILL: a child inherits the test thread's blocked SIGTERM).
    public func stop() {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// Stops nginx and removes its directory.
    public func remove() {
        stop()
        directory.remove()
    }

    /// The configuration: the documented block inside an `http` block with the test's paths.
    static func configuration(_ path: String, port: Int, tlsPort: Int, pki: TestPKI) throws -> String {
        let site = try documentedBlock()
        var seen: [String: Int] = [:]
        let replaced = site.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            let words = line.split(separator: " ")
            guard let key = words.first.map(String.init) else { return String(line) }
            let indent = String(line.prefix { $0 == " " })
            let value: String
            switch (key, words.count) {
            case ("listen", 2): value = "127.0.0.1:\(port);"
            case ("listen", 3): value = "127.0.0.1:\(tlsPort) ssl;"
            case ("ssl_certificate", _): value = "\(pki.file("broker.pem"));"
            case ("ssl_certificate_key", _): value = "\(pki.file("broker.key"));"
            case ("ssl_client_certificate", _): value = "\(pki.file("province-ca.pem"));"
            case ("root", _): value = "\(path)/root;"
            default: return String(line)
            }
            let name = key == "listen" ? "listen \(words.count)" : key
            seen[name, default: 0] += 1
            return "\(indent)\(key) \(value)"
        }
        let wanted = ["listen 2", "listen 3", "ssl_certificate", "ssl_certificate_key", "ssl_client_certificate", "root"]
        for name in wanted where seen[name] != 1 {
            throw HarnessError("docs/call-home.md's media-host block must set \(name) once")
        }
        return """
            daemon off;
            master_process off;
            worker_processes 1;
            pid \(path)/nginx.pid;
            error_log \(path)/error.log notice;
            events { worker_connections 64; }
            http {
                client_body_temp_path \(path)/tmp/body;
                proxy_temp_path \(path)/tmp/proxy;
                fastcgi_temp_path \(path)/tmp/fastcgi;
                uwsgi_temp_path \(path)/tmp/uwsgi;
                scgi_temp_path \(path)/tmp/scgi;
                log_format ranges '$request_method $uri $status "$http_range" $body_bytes_sent';
                access_log \(path)/access.log ranges;
            \(replaced.joined(separator: "\n"))
            }

            """
    }

    /// The ```conf block of docs/call-home.md whose first line is `# media-host: nginx`.
    static func documentedBlock() throws -> String {
        let document = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/call-home.md").path
        let text = try String(contentsOfFile: document, encoding: .utf8)
        guard let start = text.range(of: "```conf\n# media-host: nginx\n"),
              let end = text.range(of: "\n```", range: start.upperBound..<text.endIndex) else {
            throw HarnessError("\(document) lacks its '# media-host: nginx' block")
        }
        return String(text[start.upperBound..<end.lowerBound])
    }
}
