import AudioCodec
import Foundation
import FuzzRegressions
import Testing

/// Replays the files under `Fuzz/regressions/wav/` (FUZZING.md): WAV files that once crashed or could crash the
/// reader, each of which must now be refused with a `MediaError` by both the in-memory parser and the file reader.
@Suite("WAV fuzz regressions")
struct WAVFuzzRegressionTests {
    /// The saved files, by path.
    static let inputs = FuzzRegressions.inputs("wav")

    @Test("the regression inputs are present")
    func inputsArePresent() {
        #expect(!Self.inputs.isEmpty)
    }

    @Test("each file is refused with a MediaError", arguments: inputs)
    func refused(path: String) throws {
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(throws: MediaError.self) { try WAVHeader.parse(bytes, fileSize: bytes.count, path: path) }
        #expect(throws: MediaError.self) { try WAVFileReader(path: path) }
    }
}
