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
    /// The running daemon (or the wrapper that execs it), while there is one.
    var process: Process?
    private let logFile: String

    /// Writes the profile and configuration; `attentionTone` is in seconds, `extraConfiguration` is appended YAML,
    /// `device` replaces the capture file as the ALSA PCM.
    public init(attentionTone: Double = 0.5, idleTimeout: Double = 60, extraConfiguration: String = "",
                device: String? = nil) throws {
        directory = try TemporaryDirectory(prefix: "communecastd-test")
        socket = directory.file("control.sock")
        capture = directory.file("air.raw")
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
              holdoff_s: 1
            attention_tone:
              seconds: \(attentionTone)
            """
        try profile.write(toFile: directory.file("profile.yaml"), atomically: true, encoding: .utf8)
        let configuration = """
            site:
              name: test-site
              commune_code: "00001"
            audio:
              device_retry_s: 1
            limits:
              idle_timeout_s: \(idleTimeout)
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

    /// Starts `command` (the daemon, or a wrapper that execs it) with extra environment, logging to the log file.
    func launch(_ command: [String], environment: [String: String] = [:]) throws {
        let daemon = Process()
        daemon.executableURL = URL(fileURLWithPath: command[0])
        daemon.arguments = Array(command.dropFirst())
        if !environment.isEmpty {
            daemon.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
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

    /// Starts the daemon and waits until its socket accepts connections.
    public func start() throws {
        try launch(daemonArguments)
        guard let daemon = process else { return }
        let deadline = Date().addingTimeInterval(20)
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

    /// The as-run log as dictionaries, oldest first.
    public func asRun() throws -> [[String: Any]] {
        (try json(["log", "--limit", "1000"]) as? [[String: Any]]) ?? []
    }

    /// Polls `predicate` every 50 ms for up to `timeout` seconds.
    public func wait(timeout: Double = 20, until predicate: () throws -> Bool) rethrows -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if try predicate() { return true }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return try predicate()
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
