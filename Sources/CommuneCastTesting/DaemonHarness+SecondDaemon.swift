import Foundation
#if canImport(Glibc)
import Glibc
#endif

extension DaemonHarness {
    /// What a second daemon on the same state directory did.
    public struct SecondDaemon: Sendable {
        /// Its exit status, or nil if it was still running at the deadline (it was then killed).
        public var status: Int32?
        /// What it wrote to standard output and standard error.
        public var output: String
    }

    /// Runs another `communecastd` with this harness's configuration and state directory but the socket `socket`,
    /// as someone starting the daemon a second time would; with `socketActivation`, the socket is bound first and
    /// passed as descriptor 3, as `communecastd.socket` does. Waits up to `timeout` seconds for it to exit, and
    /// kills it if it has not.
    public func runSecondDaemon(socket other: String, socketActivation: Bool, timeout: Double = 60) throws
        -> SecondDaemon {
        var arguments = daemonArguments
        if let index = arguments.firstIndex(of: "--socket") { arguments[index + 1] = other }
        if socketActivation {
            arguments = ["/usr/bin/env", "python3", "-c", Self.socketActivationWrapper, other, "listening", "0"]
                + arguments
        }
        let outputFile = directory.file("second-daemon-\(UUID().uuidString.prefix(8)).log")
        _ = FileManager.default.createFile(atPath: outputFile, contents: nil)
        let output = try FileHandle(forWritingTo: URL(fileURLWithPath: outputFile))
        defer { try? output.close() }
        let second = Process()
        second.executableURL = URL(fileURLWithPath: arguments[0])
        second.arguments = Array(arguments.dropFirst())
        second.standardOutput = output
        second.standardError = output
        try second.run()
        let deadline = Date().addingTimeInterval(timeout)
        while second.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        var status: Int32?
        if second.isRunning {
            kill(second.processIdentifier, SIGKILL)
            second.waitUntilExit()
        } else {
            status = second.terminationStatus
        }
        return SecondDaemon(status: status,
                            output: (try? String(contentsOfFile: outputFile, encoding: .utf8)) ?? "")
    }
}
