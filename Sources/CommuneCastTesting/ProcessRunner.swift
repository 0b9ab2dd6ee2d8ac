import Foundation

/// Runs external programs (our built binaries, opus-tools, ffmpeg, sox) and captures what they print.
public enum ProcessRunner {
    /// What a finished process left behind.
    public struct Output: Sendable {
        /// Exit status, or 128 + signal number.
        public var status: Int32
        /// Everything written to standard output.
        public var standardOutput: String
        /// Everything written to standard error.
        public var standardError: String
    }

    /// Runs `executable` (a path, or a name looked up on PATH) with `arguments` and waits for it.
    @discardableResult
    public static func run(
        _ executable: String, _ arguments: [String], environment: [String: String]? = nil,
        standardInput: Data? = nil
    ) throws -> Output {
        let process = Process()
        if executable.contains("/") {
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = arguments
        } else {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = [executable] + arguments
        }
        if let environment {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        let outPipe = Pipe()
        let errPipe = Pipe()
        let inPipe = Pipe()
        process.standardOutput = outPipe
        process.standardError = errPipe
        process.standardInput = inPipe
        try process.run()
        if let standardInput { inPipe.fileHandleForWriting.write(standardInput) }
        try inPipe.fileHandleForWriting.close()
        // Read both pipes concurrently so neither fills up and blocks the child.
        let errData = ErrorCollector()
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) {
            errData.data = errPipe.fileHandleForReading.readDataToEndOfFile()
        }
        let outData = outPipe.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        let status = process.terminationReason == .uncaughtSignal
            ? 128 + process.terminationStatus : process.terminationStatus
        return Output(
            status: status, standardOutput: String(decoding: outData, as: UTF8.self),
            standardError: String(decoding: errData.data, as: UTF8.self)
        )
    }

    /// Holds standard error's bytes while another thread reads them; the group's wait orders the accesses.
    private final class ErrorCollector: @unchecked Sendable {
        var data = Data()
    }

    /// Runs a tool that must succeed (openssl, xmlsec1) and returns its standard output; a failure throws with its
    /// standard error.
    @discardableResult
    public static func checked(_ tool: String, _ arguments: [String]) throws -> String {
        let output = try run(tool, arguments)
        guard output.status == 0 else {
            throw HarnessError("\(tool) \(arguments.joined(separator: " ")) failed: \(output.standardError)")
        }
        return output.standardOutput
    }

    /// Whether a program is on PATH.
    public static func isAvailable(_ name: String) -> Bool {
        (try? run("sh", ["-c", "command -v \(name)"]))?.status == 0
    }
}
