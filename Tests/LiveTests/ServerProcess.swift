import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The servers and feeders the live tests start (FFmpeg, a web server, openssl, the relay wrapper), logged to a file
/// each. Processes started from the test's threads inherit libdispatch's blocked signals, so `end` uses SIGKILL, on
/// the process's children (the relay's FFmpeg) first.
enum ServerProcess {
    /// Starts `executable` with its output in `log`.
    static func launch(_ executable: String, _ arguments: [String], log: String,
                       environment: [String: String] = [:]) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        return process
    }

    /// Kills the process and its children, and waits for it.
    static func end(_ process: Process) {
        guard process.isRunning else { return }
        let pid = process.processIdentifier
        let children = (try? String(contentsOfFile: "/proc/\(pid)/task/\(pid)/children", encoding: .utf8)) ?? ""
        for child in children.split(separator: " ").compactMap({ Int32($0) }) { kill(child, SIGKILL) }
        kill(pid, SIGKILL)
        process.waitUntilExit()
    }
}
