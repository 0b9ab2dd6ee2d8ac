import Foundation
#if canImport(Glibc)
import Glibc
#endif

extension DaemonHarness {
    /// What descriptor 3 holds when the daemon starts under `startUnderSystemd`.
    public enum InheritedSocket: String, Sendable {
        /// A listening Unix stream socket at `socket`, as `communecastd.socket` passes.
        case listening
        /// A Unix datagram socket: a broken socket unit.
        case datagram
    }

    /// Starts the daemon the way systemd does for `communecastd.service`: with `NOTIFY_SOCKET` naming `notify`,
    /// `WATCHDOG_USEC` when `watchdogSeconds` is given, and the control socket bound and listening beforehand and
    /// passed as descriptor 3 with `LISTEN_FDS=1` and `LISTEN_PID` set to the daemon's own pid. A small Python
    /// wrapper binds the socket, then execs the daemon, so the pid does not change. Waits for `READY=1`.
    public func startUnderSystemd(notify: NotifyListener, watchdogSeconds: Double? = nil,
                                  inherited: InheritedSocket = .listening) throws {
        let before = notify.messages.count
        try launchUnderSystemd(notify: notify, watchdogSeconds: watchdogSeconds, inherited: inherited)
        try waitForReady(notify, after: before)
    }

    /// `startUnderSystemd` without waiting for `READY=1`. With `waitForClient`, the daemon is started only once a
    /// client has connected to its socket and waits in the backlog, as when systemd made the socket long before the
    /// daemon and a client came first (the wrapper gives up, and starts the daemon anyway, after 60 s).
    public func launchUnderSystemd(notify: NotifyListener, watchdogSeconds: Double? = nil,
                                   inherited: InheritedSocket = .listening, waitForClient: Bool = false) throws {
        var environment = ["NOTIFY_SOCKET": notify.path]
        if let watchdogSeconds { environment["WATCHDOG_USEC"] = String(Int(watchdogSeconds * 1_000_000)) }
        try launch(["/usr/bin/env", "python3", "-c", Self.socketActivationWrapper, socket, inherited.rawValue,
                    waitForClient ? "wait-for-client" : "at-once"] + daemonArguments, environment: environment)
    }

    /// Waits for a `READY=1` among the messages after index `after`; throws with the log if the daemon dies first
    /// or 60 s pass.
    public func waitForReady(_ notify: NotifyListener, after: Int) throws {
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            if notify.wait(after: after, timeout: 0.1, for: { $0.value("READY") == "1" }) != nil { return }
            guard process?.isRunning == true else { break }
        }
        throw HarnessError("communecastd did not send READY=1 to \(notify.path):\n\(log)")
    }

    /// Waits for the daemon to exit by itself and returns its exit status, or nil if it is still running.
    public func waitForExit(timeout: Double = 60) -> Int32? {
        guard let process else { return nil }
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        guard !process.isRunning else { return nil }
        self.process = nil
        return process.terminationStatus
    }

    /// argv: socket path, kind of socket, when to start ("at-once" or "wait-for-client"), then the daemon's command
    /// line. Binds and listens like systemd's socket unit (mode 0660), moves the socket to descriptor 3, sets
    /// LISTEN_* for this pid, waits for a pending connection if asked (a listening socket polls readable then), and
    /// execs the daemon.
    static let socketActivationWrapper = """
        import os, select, socket, sys
        path, kind, start, command = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
        if os.path.exists(path):
            os.unlink(path)
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM if kind == "listening" else socket.SOCK_DGRAM)
        s.bind(path)
        os.chmod(path, 0o660)
        if kind == "listening":
            s.listen(128)
        if s.fileno() != 3:
            os.dup2(s.fileno(), 3)
        os.set_inheritable(3, True)
        os.environ.update(LISTEN_FDS="1", LISTEN_PID=str(os.getpid()), LISTEN_FDNAMES="control")
        if start == "wait-for-client":
            select.select([s], [], [], 60)
        os.execv(command[0], command)
        """
}
