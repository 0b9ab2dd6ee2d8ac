import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A province media host for the call-home tests (issue 15, docs/call-home.md "Media"): Debian's nginx (`nginx-light`)
/// on a free loopback port, from a generated configuration, serving `ROOT/media/SHA256.opus` with ranges and taking
/// `PUT` there (WebDAV module), as `docs/call-home.md` documents. Each request is logged as
/// `METHOD URI STATUS "RANGE" BYTES`, so a test can see a resumed download.
public final class MediaHost: @unchecked Sendable {
    /// The directory holding the configuration, the served root (`root/`) and the logs.
    public let directory: TemporaryDirectory
    /// The port (127.0.0.1).
    public let port: Int
    private let process: Process

    /// Writes the configuration and starts nginx in the foreground (one process, no privilege change); returns once
    /// the port accepts connections.
    public init(timeout: Double = 60) throws {
        directory = try TemporaryDirectory(prefix: "communecast-media-host")
        port = try LoopbackPort.free()
        for sub in ["root/media", "tmp"] {
            try FileManager.default.createDirectory(atPath: directory.file(sub), withIntermediateDirectories: true)
        }
        try Self.configuration(directory.path, port: port)
            .write(toFile: directory.file("nginx.conf"), atomically: true, encoding: .utf8)
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/sbin/nginx")
        process.arguments = ["-c", directory.file("nginx.conf"), "-p", directory.path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle(forWritingAtPath: "/dev/null")
        try process.run()
        guard Poll.until(timeout: timeout, { LoopbackPort.accepts(port) }), process.isRunning else {
            stop()
            throw HarnessError("nginx did not start on port \(port) within \(timeout) s: \(errorLog())")
        }
    }

    deinit { stop() }

    /// `http://127.0.0.1:PORT`, the value of `uplink.media_host` and `--media-host`.
    public var url: String { "http://127.0.0.1:\(port)" }

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

    /// The configuration: one server on `port`, `/media/` readable with ranges and writable with `PUT` (nginx
    /// writes the body to a temporary file and renames it, so a reader never sees half a file).
    static func configuration(_ path: String, port: Int) -> String {
        """
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
            server {
                listen 127.0.0.1:\(port);
                root \(path)/root;
                location /media/ {
                    dav_methods PUT;
                    create_full_put_path on;
                    dav_access user:rw group:r all:r;
                    client_max_body_size 16m;
                }
            }
        }

        """
    }
}
