import ControlProtocol
import Foundation
import FuzzRegressions
import Testing

/// Replays the inputs under `Fuzz/regressions/varlink/` (FUZZING.md): messages that once crashed or could crash the
/// control socket's decoding, each of which must now be refused with an error. Files use the fuzzer's layout: one
/// byte choosing how the stream is split into reads, then NUL-terminated messages.
@Suite("Varlink fuzz regressions")
struct VarlinkFuzzRegressionTests {
    /// The saved inputs, by file name.
    static let inputs = FuzzRegressions.inputs("varlink")

    @Test("the regression inputs are present")
    func inputsArePresent() {
        #expect(!Self.inputs.isEmpty)
    }

    @Test("an input is fed in reads of the size its first byte picks")
    func readsFollowTheFirstByte() {
        #expect(FuzzRegressions.reads(of: [2, 10, 11, 12, 13, 14]).map(Array.init) == [[10, 11, 12], [13, 14]])
        #expect(FuzzRegressions.reads(of: [64, 1, 2]).map(Array.init) == [[1], [2]])
        #expect(FuzzRegressions.reads(of: [7]).isEmpty)
        #expect(FuzzRegressions.reads(of: []).isEmpty)
    }

    @Test("each input is refused by the framing or by message decoding", arguments: inputs)
    func refused(path: String) throws {
        let input = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        try #require(!input.isEmpty)
        // The daemon's own limits (ControlServer's defaults), not the fuzzer's smaller ones.
        var decoder = VarlinkFrameDecoder(
            maxFrameBytes: 64 * 1_024, methodFrameLimits: ["io.communecast.Site.UploadMedia": 16 * 1_024 * 1_024]
        )
        var refusals = 0
        var frames = 0
        do {
            for read in FuzzRegressions.reads(of: input) {
                decoder.append(read)
                while let frame = try decoder.nextFrame() {
                    frames += 1
                    if (try? VarlinkCall(decoding: frame)) == nil, (try? VarlinkReply(decoding: frame)) == nil {
                        refusals += 1
                    }
                }
            }
        } catch {
            refusals += 1
        }
        #expect(refusals > 0, "\(path): \(frames) frame(s) all decoded")
    }
}
