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
}
