import Foundation
import Synchronization

/// A `communecast monitor --json` client following one daemon, for tests that check the events it streams.
///
/// The daemon streams only what happens after the client subscribed, and nothing says when that was; so the recorder
/// makes something happen (a schedules reload through the control socket, which always publishes an event) until the
/// client prints an event, and only then lets the test go on. The events of those reloads (`config_reload` with a
/// reason starting `ReloadSchedules`) are left out of what `stop()` returns, wherever they fall.
public final class MonitorRecorder: Sendable {
    /// The lines printed so far, shared with the thread reading them.
    private final class Lines: Sendable {
        let all = Mutex<[String]>([])
        var isEmpty: Bool { all.withLock { $0.isEmpty } }
    }

    private let process: Process
    private let lines = Lines()
    private let readerEnded = DispatchSemaphore(value: 0)

    init(socket: String, trigger: () throws -> Void) throws {
        let process = Process()
        let pipe = Pipe()
        process.executableURL = URL(fileURLWithPath: BuiltProducts.path(of: "communecast"))
        process.arguments = ["monitor", "--json", "--connect", "unix:\(socket)"]
        process.standardOutput = pipe
        self.process = process
        try process.run()
        let output = pipe.fileHandleForReading
        let thread = Thread { [lines, readerEnded] in
            var pending = Data()
            while case let data = output.availableData, !data.isEmpty {
                pending.append(data)
                while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                    let line = String(decoding: pending[pending.startIndex..<newline], as: UTF8.self)
                    pending.removeSubrange(pending.startIndex...newline)
                    lines.all.withLock { $0.append(line) }
                }
            }
            readerEnded.signal()
        }
        thread.name = "monitor-recorder"
        thread.start()

        let deadline = Date().addingTimeInterval(60)
        while lines.isEmpty {
            guard process.isRunning, Date() < deadline else {
                process.terminate()
                throw HarnessError("communecast monitor printed no event within 60 s of subscribing")
            }
            try trigger()
            let retry = Date().addingTimeInterval(1)
            while lines.isEmpty, Date() < retry { Thread.sleep(forTimeInterval: 0.02) }
        }
    }

    /// Stops the client and returns every event it printed, oldest first, but those of its own reloads.
    public func stop() -> [[String: Any]] {
        process.terminate()
        process.waitUntilExit()
        readerEnded.wait()
        return lines.all.withLock { $0 }
            .compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
            .filter { event in
                !(event["kind"] as? String == "config_reload"
                  && (event["reason"] as? String)?.hasPrefix("ReloadSchedules") == true)
            }
    }
}

extension DaemonHarness {
    /// Starts following this daemon's events and returns once the client is known to receive them; call `stop()` on
    /// the result to read them.
    public func startMonitor() throws -> MonitorRecorder {
        try MonitorRecorder(socket: socket) { _ = try cli(["schedule", "reload"]) }
    }
}
