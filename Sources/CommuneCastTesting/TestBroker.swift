import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A real Mosquitto for the call-home tests (issue 15), on a free loopback port, configured by
/// `scripts/make-test-broker.sh` from the blocks of docs/call-home.md (so the documented configuration is the tested
/// one) with the certificates of ``TestPKI``. It can be stopped gracefully or killed with -9 and started again on the
/// same port and database, as a broker restart.
public final class TestBroker: @unchecked Sendable {
    /// The directory holding the configuration, the ACL, the database and the log.
    public let directory: TemporaryDirectory
    /// The TCP port it listens on (127.0.0.1).
    public let port: Int
    /// The PKI whose CA, broker certificate and clients it uses.
    public let pki: TestPKI
    private var process: Process?
    private var starts = 0

    /// Writes the configuration for a free port and starts the broker; returns once it accepts connections.
    public init(pki: TestPKI? = nil, timeout: Double = 60) throws {
        let pki = try pki ?? TestPKI.shared()
        self.pki = pki
        directory = try TemporaryDirectory(prefix: "communecast-broker")
        port = try LoopbackPort.free()
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("scripts/make-test-broker.sh").path
        let output = try ProcessRunner.run("bash", [script, directory.path, "\(port)", pki.directory])
        guard output.status == 0 else {
            throw HarnessError("\(script) failed (\(output.status)):\n\(output.standardError)")
        }
        try start(timeout: timeout)
    }

    /// The broker's log file.
    public var logFile: String { directory.file("mosquitto.log") }

    /// The broker's log so far.
    public func log() -> String {
        (try? String(contentsOfFile: logFile, encoding: .utf8)) ?? ""
    }

    /// The broker's process id while it runs.
    public var processIdentifier: Int32? { process.map(\.processIdentifier) }

    /// Starts `mosquitto -c` on the configuration and waits until it has logged that it runs and a TCP connection to
    /// its port succeeds.
    public func start(timeout: Double = 60) throws {
        let broker = Process()
        // A process spawned from a test's thread inherits its blocked signals (libdispatch's threads block SIGTERM,
        // SIGHUP and SIGUSR1), and Mosquitto restores the mask it started with, so it would never see SIGTERM or
        // SIGUSR1: clear the mask, then exec the broker in the same process.
        broker.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        broker.arguments = [
            "-c",
            "import os, signal, sys; signal.pthread_sigmask(signal.SIG_SETMASK, []); "
                + "os.execv(sys.argv[1], sys.argv[1:])",
            "/usr/sbin/mosquitto", "-c", directory.file("mosquitto.conf"),
        ]
        broker.standardOutput = FileHandle.nullDevice
        broker.standardError = FileHandle.nullDevice
        try broker.run()
        process = broker
        starts += 1
        let wanted = starts
        let ready = Poll.until(timeout: timeout) {
            runningLines() >= wanted && LoopbackPort.accepts(port)
        }
        guard ready, broker.isRunning else {
            throw HarnessError("mosquitto did not start on port \(port) within \(timeout) s; its log:\n\(log())")
        }
    }

    /// How many times the log says the broker runs (once per start).
    private func runningLines() -> Int {
        log().split(separator: "\n").filter { $0.contains("mosquitto version") && $0.hasSuffix(" running") }.count
    }

    /// Stops the broker with `signal` (SIGTERM: graceful, it saves its database; SIGKILL: a crash) and waits for the
    /// process to end.
    public func stop(signal: Int32 = SIGTERM) {
        guard let process else { return }
        kill(process.processIdentifier, signal)
        process.waitUntilExit()
        self.process = nil
    }

    /// Asks the broker to save its database now (SIGUSR1), so a later kill -9 keeps what was retained before, and
    /// waits until the new file is in place: Mosquitto writes `mosquitto.db.new` and renames it, so the file's inode
    /// changes when the save is complete (an older autosave's file may already be there).
    public func save(timeout: Double = 60) throws {
        guard let process else { throw HarnessError("the broker is not running") }
        let database = directory.file("mosquitto.db")
        let before = try? FileManager.default.attributesOfItem(atPath: database)[.systemFileNumber] as? Int
        kill(process.processIdentifier, SIGUSR1)
        let saved = Poll.until(timeout: timeout) {
            guard let now = try? FileManager.default.attributesOfItem(atPath: database)[.systemFileNumber] as? Int
            else { return false }
            return now != before
        }
        guard saved else { throw HarnessError("mosquitto did not save \(database) within \(timeout) s") }
    }

    /// Stops the broker and removes its directory.
    public func remove() {
        stop(signal: SIGKILL)
        directory.remove()
    }
}
