import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A small HTTP server (Python's `http.server`) on a free loopback port serving a directory with `ETag` and
/// `Last-Modified`, answering `304 Not Modified` to a matching `If-None-Match`, and logging each request's path and
/// conditional headers, so tests can see that a client polls with conditional requests.
public final class StaticHTTPServer {
    /// The served directory.
    public let root: String
    /// The port.
    public let port: Int
    private let process: Process
    private let log: String

    /// Starts serving `root`; returns once the server listens.
    public init(root: String) throws {
        self.root = root
        log = "\(root)/.requests.log"
        let script = "\(root)/.server.py"
        try Self.script.write(toFile: script, atomically: true, encoding: .utf8)
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script, root, log]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let line = output.fileHandleForReading.availableLine(deadline: Date().addingTimeInterval(60))
        guard let line, let port = Int(line.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            kill(process.processIdentifier, SIGKILL)
            throw HarnessError("the test HTTP server did not start")
        }
        self.port = port
    }

    deinit { stop() }

    /// Stops the server with SIGKILL: the test process's threads may block SIGTERM, and a child inherits that mask
    /// (a SIGTERM would wait forever).
    public func stop() {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// `http://127.0.0.1:PORT/path`.
    public func url(_ path: String) -> String { "http://127.0.0.1:\(port)/\(path)" }

    /// The requests so far, one `path if-none-match if-modified-since` line each (`-` for an absent header).
    public func requests() -> [String] {
        ((try? String(contentsOfFile: log, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
    }

    private static let script = """
        import email.utils, hashlib, http.server, os, sys
        root, log = sys.argv[1], sys.argv[2]
        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                match, since = self.headers.get('If-None-Match'), self.headers.get('If-Modified-Since')
                with open(log, 'a') as f:
                    f.write('%s %s %s\\n' % (self.path, match or '-', since or '-'))
                path = os.path.join(root, self.path.lstrip('/'))
                if not os.path.isfile(path):
                    self.send_response(404); self.end_headers(); return
                data = open(path, 'rb').read()
                etag = '"%s"' % hashlib.sha256(data).hexdigest()[:16]
                modified = email.utils.formatdate(os.path.getmtime(path), usegmt=True)
                if match == etag:
                    self.send_response(304); self.send_header('ETag', etag); self.end_headers(); return
                self.send_response(200)
                self.send_header('ETag', etag); self.send_header('Last-Modified', modified)
                self.send_header('Content-Length', str(len(data))); self.end_headers(); self.wfile.write(data)
            def log_message(self, *args):
                pass
        server = http.server.HTTPServer(('127.0.0.1', 0), Handler)
        print(server.server_address[1], flush=True)
        server.serve_forever()
        """
}

extension FileHandle {
    /// The first line written to this pipe, or nil if none comes by `deadline`.
    func availableLine(deadline: Date) -> String? {
        var buffer = Data()
        while Date() < deadline {
            let chunk = availableData
            if chunk.isEmpty { return nil }
            buffer.append(chunk)
            if let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                return String(decoding: buffer[..<newline], as: UTF8.self)
            }
        }
        return nil
    }
}
