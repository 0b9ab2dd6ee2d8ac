import Foundation
import FuzzRegressions
import ScheduleFormat
import Testing

/// Replays the files under `Fuzz/regressions/schedule/` (FUZZING.md): schedule files that once crashed, hung or
/// could exhaust the parser, each of which must now be refused with located problems.
@Suite("Schedule fuzz regressions")
struct ScheduleFuzzRegressionTests {
    /// The saved files, by path.
    static let inputs = FuzzRegressions.inputs("schedule")

    @Test("the regression inputs are present")
    func inputsArePresent() {
        #expect(!Self.inputs.isEmpty)
    }

    @Test("each file is refused", arguments: inputs)
    func refused(path: String) throws {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(throws: (any Error).self) { try ScheduleFile.parse(text, file: path) }
    }
}
