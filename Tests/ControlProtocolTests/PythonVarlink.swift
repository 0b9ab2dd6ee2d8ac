import Foundation

/// Runs Python snippets against the third-party `varlink` package, to prove our descriptions interoperate.
enum PythonVarlink {
    /// Why a snippet did not produce output.
    struct Failure: Error {
        var status: Int32
        var output: String
    }

    /// Runs `script` with `input` on stdin and returns its stdout; throws if Python exits with an error.
    static func run(script: String, input: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script]
        let stdin = Pipe()
        let stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stdout
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        let output = String(decoding: stdout.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw Failure(status: process.terminationStatus, output: output) }
        return output
    }
}
