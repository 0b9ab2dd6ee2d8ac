import Daemon
import Foundation
import FuzzRegressions
import Testing

/// Replays the files under `Fuzz/regressions/configuration/` (FUZZING.md): `communecastd.yaml` files that once
/// crashed, hung or could exhaust the parser, each of which must now be refused with located problems.
@Suite("Configuration fuzz regressions")
struct ConfigurationFuzzRegressionTests {
    /// The saved files, by path.
    static let inputs = FuzzRegressions.inputs("configuration")

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
