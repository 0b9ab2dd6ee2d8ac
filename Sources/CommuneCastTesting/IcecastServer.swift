import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A real Icecast 2 server for a test, on a free loopback port from a generated configuration: started, waited for
/// until it answers HTTP, and stopped. Running as root (the CI container), it changes to Debian's `icecast2` user,
/// as Icecast insists.
public final class IcecastServer: @unchecked Sendable {
    /// The port it listens on.
    public let port: Int
    /// The source password every mount accepts.
    public let sourcePassword = "live-test-source"
    /// Its configuration file.
    public let configurationPath: String
    /// Its log (errors and accesses), for failure messages.
    public let logPath: String
    private let process: Process

    /// Starts a server in `directory` (on `port`, else a free one) and waits (up to `timeout` seconds) until it
    /// answers. With `relaying`, it is a relay (slave) server pulling that master's `relayMount` to the same mount,
    /// at once and for good (`on-demand` 0), as a district's Icecast pulls the province's.
    public init(directory: TemporaryDirectory, port requested: Int? = nil, timeout: Double = 60,
                relaying master: IcecastServer? = nil, relayMount: String = "/live.opus") throws {
        port = try requested ?? LoopbackPort.free()
        configurationPath = directory.file("icecast.xml")
        logPath = directory.file("icecast.log")
        chmod(directory.path, 0o755)
        let relay = master.map { master in
            "<relay><server>127.0.0.1</server><port>\(master.port)</port><mount>\(relayMount)</mount>"
                + "<local-mount>\(relayMount)</local-mount><on-demand>0</on-demand>"
                + "<relay-shoutcast-metadata>0</relay-shoutcast-metadata></relay>"
        } ?? ""
        let configuration = """
            <icecast>
              <limits><clients>100</clients><sources>10</sources><queue-size>524288</queue-size>
                <burst-size>0</burst-size><source-timeout>10</source-timeout></limits>
              <authentication><source-password>\(sourcePassword)</source-password>
                <admin-user>admin</admin-user><admin-password>live-test-admin</admin-password></authentication>
              <hostname>127.0.0.1</hostname>\(relay)
              <listen-socket><port>\(port)</port><bind-address>127.0.0.1</bind-address></listen-socket>
              <paths><basedir>/usr/share/icecast2</basedir><logdir>\(directory.path)</logdir>
                <webroot>/usr/share/icecast2/web</webroot><adminroot>/usr/share/icecast2/admin</adminroot></paths>
              <logging><accesslog>-</accesslog><errorlog>-</errorlog><loglevel>3</loglevel></logging>
              <security><chroot>0</chroot>\(getuid() == 0
                ? "<changeowner><user>icecast2</user><group>icecast</group></changeowner>" : "")</security>
            </icecast>
            """
        try configuration.write(toFile: configurationPath, atomically: true, encoding: .utf8)
        _ = FileManager.default.createFile(atPath: logPath, contents: nil)
        let logHandle = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/icecast2")
        process.arguments = ["-c", configurationPath]
        process.standardOutput = logHandle
        process.standardError = logHandle
        try process.run()
        let port = port
        guard Poll.until(timeout: timeout, { Self.status(port: port) != nil || !process.isRunning }),
              process.isRunning else {
            stop()
            throw IcecastFailure(message: "icecast2 did not answer on port \(port): \(log(tail: 20))")
        }
    }

    deinit { stop() }

    /// The URL of `mount` (`/live.opus`).
    public func url(_ mount: String) -> String { "http://127.0.0.1:\(port)\(mount)" }

    /// Whether `mount` has a source connected, from the server's own status page.
    public func hasSource(_ mount: String) -> Bool {
        guard let text = Self.status(port: port) else { return false }
        return text.contains("\"listenurl\":\"http://127.0.0.1:\(port)\(mount)\"")
    }

    /// The last lines of the server's log.
    public func log(tail lines: Int) -> String {
        let text = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").suffix(lines).joined(separator: "\n")
    }

    /// Stops the server (SIGTERM, SIGKILL after 10 s) and waits for it to exit.
    public func stop() {
        guard process.isRunning else { return }
        process.terminate()
        // Started from a libdispatch thread, icecast2 may have SIGTERM blocked and keep serving a source.
        if !Poll.until(timeout: 10, { !self.process.isRunning }) { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    /// The server's `/status-json.xsl`, fetched with a plain HTTP/1.0 GET (Foundation on Linux has no HTTP without
    /// FoundationNetworking); nil when it does not answer 200.
    static func status(port: Int) -> String? {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        guard LoopbackPort.connect(descriptor, to: port) else { return nil }
        let request = Array("GET /status-json.xsl HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n".utf8)
        guard write(descriptor, request, request.count) == request.count else { return nil }
        var response: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4_096)
        while true {
            let count = read(descriptor, &chunk, chunk.count)
            guard count > 0 else { break }
            response += chunk[0..<count]
        }
        let text = String(decoding: response, as: UTF8.self)
        return text.hasPrefix("HTTP/1.0 200") || text.hasPrefix("HTTP/1.1 200") ? text : nil
    }
}
