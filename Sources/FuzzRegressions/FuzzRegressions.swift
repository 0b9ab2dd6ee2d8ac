import Foundation

/// The inputs saved under `Fuzz/regressions/<target>/` (FUZZING.md), which the test suites replay against the parser
/// each fuzz target exercises. No dependencies, so any test target can use it.
public enum FuzzRegressions {
    /// The saved files of one fuzz target (`varlink`, `wav`, `schedule`, `configuration`), as sorted paths.
    public static func inputs(_ target: String) -> [String] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let directory = root.appendingPathComponent("Fuzz/regressions/\(target)")
        return ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).sorted()
            .map { directory.appendingPathComponent($0).path }
    }

    /// How a `varlink` input is fed to the frame decoder, by the fuzz target and by the replay alike: byte 0 picks a
    /// read size of 1–64 bytes, and the rest arrives in reads of that size, as frames do from a socket. None for an
    /// empty input.
    public static func reads(of input: [UInt8]) -> [ArraySlice<UInt8>] {
        guard let first = input.first else { return [] }
        let size = Int(first % 64) + 1
        return stride(from: 1, to: input.count, by: size).map { input[$0..<min($0 + size, input.count)] }
    }
}
