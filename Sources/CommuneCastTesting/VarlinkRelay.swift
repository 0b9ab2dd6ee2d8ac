import Foundation

/// A relay on a Unix socket between a client and a daemon's control socket, for tests that must see or alter the
/// varlink messages in transit. It runs as a Python process, so it is a real, separate peer on the wire. The test
/// supplies Python for two hooks, each called once per NUL-ended message (without its terminator):
/// `on_call(message)` for what the client sends (return value ignored) and `on_reply(message)` for what the daemon
/// sends (returns the bytes to forward). Either may be left out; a missing hook forwards the message unchanged.
public final class VarlinkRelay {
    /// The socket clients connect to instead of the daemon's.
    public let path: String
    private let process: Process

    /// Starts the relay at `path`, forwarding to `upstream`, and returns once it accepts connections. `hooks` is
    /// Python source defining `on_call` and/or `on_reply`; `arguments` reach it as `ARGS`.
    public init(path: String, upstream: String, hooks: String, arguments: [String] = []) throws {
        self.path = path
        try? FileManager.default.removeItem(atPath: path)
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = ["-c", Self.skeleton + "\n" + hooks + "\n" + Self.main, path, upstream] + arguments
        try process.run()
        guard Poll.until(timeout: 60, { RawUnixSocket.canConnect(path) }) else {
            stop()
            throw HarnessError("the varlink relay did not listen at \(path)")
        }
    }

    /// Stops the relay with SIGKILL: the test process's threads may block SIGTERM, and a child inherits that mask.
    public func stop() {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    deinit { stop() }

    /// Forwarding both ways, message by message, calling the hooks the test defines after this part.
    private static let skeleton = #"""
        import socket, sys, threading
        LISTEN, UPSTREAM, ARGS = sys.argv[1], sys.argv[2], sys.argv[3:]

        def on_call(message):
            pass

        def on_reply(message):
            return message
        """#

    private static let main = #"""
        def pump(source, sink, hook):
            pending = b""
            try:
                while True:
                    data = source.recv(65536)
                    if not data:
                        break
                    pending += data
                    while b"\0" in pending:
                        message, pending = pending.split(b"\0", 1)
                        sink.sendall(hook(message) + b"\0")
            finally:
                try:
                    sink.shutdown(socket.SHUT_WR)
                except OSError:
                    pass

        def calls(message):
            on_call(message)
            return message

        def serve(client):
            upstream = socket.socket(socket.AF_UNIX)
            upstream.connect(UPSTREAM)
            threading.Thread(target=pump, args=(upstream, client, on_reply), daemon=True).start()
            pump(client, upstream, calls)

        server = socket.socket(socket.AF_UNIX)
        server.bind(LISTEN)
        server.listen(16)
        while True:
            client, _ = server.accept()
            threading.Thread(target=serve, args=(client,), daemon=True).start()
        """#
}
