import Foundation

/// A `communecast monitor --json` client following one daemon, for tests that check the events it streams.
public final class MonitorRecorder: @unchecked Sendable {
    private let process = Process()
    private let pipe = Pipe()

    init(socket: String) throws {
        process.executableURL = URL(fileURLWithPath: BuiltProducts.path(of: "communecast"))
        process.arguments = ["monitor", "--json", "--connect", "unix:\(socket)"]
        process.standardOutput = pipe
        try process.run()
        // Give the client time to connect and subscribe before the test makes something happen.
        Thread.sleep(forTimeInterval: 0.5)
    }

    /// Stops the client and returns every event it printed, oldest first.
    public func stop() -> [[String: Any]] {
        process.terminate()
        process.waitUntilExit()
        return String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            .split(separator: "\n")
            .compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
    }
}

extension DaemonHarness {
    /// Starts following this daemon's events; call `stop()` on the result to read them.
    public func startMonitor() throws -> MonitorRecorder {
        try MonitorRecorder(socket: socket)
    }
}
