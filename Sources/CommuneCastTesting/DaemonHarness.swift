import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs the real `communecastd` on a temporary state directory and socket with a test profile (the ALSA `file`
/// plugin writing raw mono 16-bit, paced to real time, a short attention tone), and drives it with the real CLI.
public final class DaemonHarness: @unchecked Sendable {
    /// Temporary directory holding state, socket, profile and capture.
    public let directory: TemporaryDirectory
    /// The control socket.
    public let socket: String
    /// What the virtual loudspeakers played: raw little-endian 16-bit mono at 48 kHz.
    public let capture: String
    /// The schedules directory the daemon reads (`--schedules-dir`); created empty.
    public let schedules: String
    /// Extra environment for the daemon (such as `ALSA_CONFIG_PATH`), applied by `start()`.
    public var environment: [String: String] = [:]
    /// The running daemon (or the wrapper that execs it), while there is one.
    var process: Process?
    private let logFile: String

    /// Writes the profile and configuration; `attentionTone` is in seconds, `limits` are more keys of `limits:`
    /// (one YAML line each), `extraConfiguration` is appended YAML. `captureDirectory` puts the capture in a
    /// subdirectory that is not created; `device` replaces the profile's PCM (the file plugin writing `capture`);
    /// `amplifier` replaces its amplifier keys, one YAML line each. `siteName` is `site.name` (a call-home site's
    /// name must be its uplink certificate's CN).
    public init(attentionTone: Double = 0.5, idleTimeout: Double = 60, limits: [String] = [],
                extraConfiguration: String = "", captureDirectory: String? = nil, device: String? = nil,
                amplifier: [String] = ["holdoff_s: 1"], siteName: String = "test-site") throws {
        let directory = try TemporaryDirectory(prefix: "communecastd-test")
        self.directory = directory
        socket = directory.file("control.sock")
        capture = directory.file(captureDirectory.map { "\($0)/air.raw" } ?? "air.raw")
        schedules = directory.file("schedules")
        try FileManager.default.createDirectory(atPath: schedules, withIntermediateDirectories: true)
        logFile = directory.file("daemon.log")
        let profile = """
            name: test-virtual
            pcm:
              device: "\(device ?? "file:FILE=\(capture),FORMAT=raw")"
              channels: 1
              pace: always
            amplifier:
            \(amplifier.map { "  \($0)" }.joined(separator: "\n"))
            attention_tone:
              seconds: \(attentionTone)
            """
        try profile.write(toFile: directory.file("profile.yaml"), atomically: true, encoding: .utf8)
        let configuration = """
            site:
              name: \(siteName)
              commune_code: "00001"
            audio:
              device_retry_s: 1
            limits:
              idle_timeout_s: \(idleTimeout)
            \(limits.map { "  \($0)" }.joined(separator: "\n"))
            \(extraConfiguration)
            """
        try configuration.write(toFile: directory.file("communecastd.yaml"), atomically: true, encoding: .utf8)
    }

    /// The daemon's command line.
    var daemonArguments: [String] {
        [
            BuiltProducts.path(of: "communecastd"),
            "--config", directory.file("communecastd.yaml"), "--state-dir", directory.file("state"),
            "--socket", socket, "--profile", directory.file("profile.yaml"), "--schedules-dir", schedules,
        ]
    }

    /// Starts `command` (the daemon, or a wrapper that execs it) with ``environment`` and `extra` environment,
    /// logging to the log file.
    func launch(_ command: [String], environment extra: [String: String] = [:]) throws {
        let daemon = Process()
        daemon.executableURL = URL(fileURLWithPath: command[0])
        daemon.arguments = Array(command.dropFirst())
        let added = environment.merging(extra) { $1 }
        if !added.isEmpty {
            daemon.environment = ProcessInfo.processInfo.environment.merging(added) { $1 }
        }
        if !FileManager.default.fileExists(atPath: logFile) {
            _ = FileManager.default.createFile(atPath: logFile, contents: nil)
        }
        let log = try FileHandle(forWritingTo: URL(fileURLWithPath: logFile))
        log.seekToEndOfFile()
        daemon.standardOutput = log
        daemon.standardError = log
        try daemon.run()
        process = daemon
    }

    /// Starts the daemon and waits until its socket accepts connections (60 s at most: a loaded machine starts it
    /// slowly); `umask` (such as `"022"`) starts it with that umask rather than the test's.
    public func start(umask: String? = nil) throws {
        try launch(umask.map { ["/bin/sh", "-c", "umask \($0) && exec \"$@\"", "sh"] + daemonArguments }
                   ?? daemonArguments)
        guard let daemon = process else { return }
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            if RawUnixSocket.canConnect(socket) { return }
            guard daemon.isRunning else { break }
            Thread.sleep(forTimeInterval: 0.05)
        }
        throw HarnessError("communecastd did not start listening on \(socket):\n\(self.log)")
    }

    /// Sends SIGTERM (graceful) or SIGKILL and waits for the process to end; returns its exit status.
    @discardableResult
    public func stop(signal: Int32 = SIGTERM) -> Int32 {
        guard let process, process.isRunning else { return process?.terminationStatus ?? 0 }
        kill(process.processIdentifier, signal)
        process.waitUntilExit()
        self.process = nil
        return process.terminationStatus
    }

    /// The running daemon's process id.
    public var processIdentifier: pid_t? { process.flatMap { $0.isRunning ? $0.processIdentifier : nil } }

    /// CPU seconds (user and system) the daemon has used so far, from /proc/PID/stat.
    public func cpuSeconds() throws -> Double {
        guard let pid = processIdentifier,
              let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else {
            throw HarnessError("communecastd is not running")
        }
        // Fields after "pid (comm)": state is field 3, utime and stime are fields 14 and 15.
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 13, let user = Double(fields[11]), let system = Double(fields[12]) else {
            throw HarnessError("cannot read CPU times from /proc/\(pid)/stat")
        }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    /// `communecast health --json` as a dictionary.
    public func health() throws -> [String: Any] {
        guard let health = try json(["health"]) as? [String: Any] else { throw HarnessError("health is not an object") }
        return health
    }

    /// Sends a signal (such as SIGHUP) to the running daemon.
    public func send(_ signal: Int32) {
        guard let process, process.isRunning else { return }
        kill(process.processIdentifier, signal)
    }

    /// Writes a schedule file into the schedules directory (atomically, as an editor that renames would).
    public func writeSchedule(_ name: String, _ yaml: String) throws {
        try yaml.write(toFile: "\(schedules)/\(name).yaml", atomically: true, encoding: .utf8)
    }

    /// The daemon's log so far, for failure messages.
    public var log: String { (try? String(contentsOfFile: logFile, encoding: .utf8)) ?? "" }

    /// Runs `communecast` against this daemon.
    @discardableResult
    public func cli(_ arguments: [String], environment: [String: String] = [:]) throws -> ProcessRunner.Output {
        var env = environment
        env["COMMUNECAST_CONNECT"] = "unix:\(socket)"
        return try ProcessRunner.run(BuiltProducts.path(of: "communecast"), arguments, environment: env)
    }

    /// Runs `communecast … --json` and decodes the output.
    public func json(_ arguments: [String]) throws -> Any {
        let output = try cli(arguments + ["--json"])
        guard output.status == 0 else {
            throw HarnessError("communecast \(arguments.joined(separator: " ")) failed (\(output.status)): "
                               + output.standardError)
        }
        return try JSONSerialization.jsonObject(with: Data(output.standardOutput.utf8))
    }

    /// The item on air, from `health`: its source (`play:…`, `alert:…`, `schedule:…`) and how many seconds of its
    /// media have been written to the device; nil when nothing is on air.
    public func onAir() throws -> (source: String, seconds: Double)? {
        guard let playing = try health()["now_playing"] as? [String: Any],
              let source = playing["source"] as? String, let seconds = playing["position_s"] as? Double else {
            return nil
        }
        return (source, seconds)
    }

    /// Waits until the item whose source starts with `source` has played at least `seconds` of its media, so a test
    /// interrupts it where it means to rather than where a fixed sleep happened to land.
    public func waitUntilOnAir(_ source: String, atLeast seconds: Double, timeout: Double = 60) throws {
        let reached = try wait(timeout: timeout) {
            guard let playing = try onAir(), playing.source.hasPrefix(source) else { return false }
            return playing.seconds >= seconds
        }
        guard reached else {
            throw HarnessError("\(source) did not play \(seconds) s within \(timeout) s; on air: "
                               + "\(String(describing: try? onAir()))\n\(log)")
        }
    }

    /// The value of one of the daemon's stored settings (such as the scheduler's record of the airings it handed to
    /// the engine), read from the database; nil when it is not set.
    public func storedSetting(_ key: String) throws -> String? {
        try databaseRows("SELECT value FROM setting WHERE key = '\(key)'").first
    }

    /// The as-run log as dictionaries, oldest first.
    public func asRun() throws -> [[String: Any]] {
        (try json(["log", "--limit", "1000"]) as? [[String: Any]]) ?? []
    }

    /// The rows `sql` returns from the daemon's database, each as its columns joined by "|", read (read-only) with
    /// Python's sqlite3 module, so nothing of ours sits between the test and the file.
    public func databaseRows(_ sql: String) throws -> [String] {
        let script = """
            import sqlite3, sys
            db = sqlite3.connect("file:" + sys.argv[1] + "?mode=ro", uri=True)
            for row in db.execute(sys.argv[2]):
                print("|".join(str(column) for column in row))
            """
        let database = directory.file("state/state.sqlite")
        let output = try ProcessRunner.run("/usr/bin/python3", ["-c", script, database, sql])
        guard output.status == 0 else { throw HarnessError("cannot run '\(sql)': \(output.standardError)") }
        return output.standardOutput.split(separator: "\n").map(String.init)
    }

    /// Waits for `predicate` with `Poll.until`: every 50 ms, for up to `timeout` seconds.
    public func wait(timeout: Double = 60, until predicate: () throws -> Bool) rethrows -> Bool {
        try Poll.until(timeout: timeout, predicate)
    }

    /// Stops the daemon and removes everything.
    public func cleanUp() {
        stop(signal: SIGKILL)
        directory.remove()
    }
}

/// A harness failure with the daemon's words attached.
public struct HarnessError: Error, CustomStringConvertible {
    public let description: String

    /// Creates an error.
    public init(_ description: String) { self.description = description }
}
