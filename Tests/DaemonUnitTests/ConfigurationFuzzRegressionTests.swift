import Daemon
import Foundation
import Testing

/// Replays the files under `Fuzz/regressions/configuration/` (FUZZING.md): `communecastd.yaml` files that once
/// crashed, hung or could exhaust the parser, each of which must now be refused with located problems.
@Suite("Configuration fuzz regressions")
struct ConfigurationFuzzRegressionTests {
    /// The saved files, by path.
    static let inputs: [String] = {
        let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Fuzz/regressions/configuration")
        return ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).sorted()
            .map { directory.appendingPathComponent($0).path }
    }()

    @Test("the regression inputs are present")
    func inputsArePresent() {
        #expect(!Self.inputs.isEmpty)
    }

    @Test("each file is refused", arguments: inputs)
    func refused(path: String) throws {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(throws: (any Error).self) { try DaemonConfiguration.parse(text, file: path) }
    }
}
