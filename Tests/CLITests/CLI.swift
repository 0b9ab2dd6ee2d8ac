import CommuneCastTesting
import Foundation

/// Runs the built `communecast` binary, as the user would.
enum CLI {
    static var path: String { BuiltProducts.path(of: "communecast") }

    @discardableResult
    static func run(_ arguments: String...) throws -> ProcessRunner.Output {
        try ProcessRunner.run(path, arguments)
    }

    /// Runs with `--json` appended and decodes standard output as a JSON object.
    static func json(_ arguments: String...) throws -> [String: Any] {
        try json(arguments)
    }

    /// Runs with `--json` appended and decodes standard output as a JSON object.
    static func json(_ arguments: [String]) throws -> [String: Any] {
        let output = try ProcessRunner.run(path, arguments + ["--json"])
        guard output.status == 0 else {
            throw CLIFailure(status: output.status, message: output.standardError)
        }
        let object = try JSONSerialization.jsonObject(with: Data(output.standardOutput.utf8))
        return object as? [String: Any] ?? [:]
    }

    struct CLIFailure: Error, CustomStringConvertible {
        let status: Int32
        let message: String
        var description: String { "exit \(status): \(message)" }
    }
}
