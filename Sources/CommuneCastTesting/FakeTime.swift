import Foundation

/// libfaketime (Debian's `faketime` package), for tests that run a program whose wall clock must be elsewhere than
/// the machine's: the daemon across clock jumps, the CLI an hour after a draft was signed.
public enum FakeTime {
    /// libfaketime's preload library, wherever the architecture puts it.
    public static func library() throws -> String {
        let lib = "/usr/lib"
        let candidates = ((try? FileManager.default.contentsOfDirectory(atPath: lib)) ?? [])
            .map { "\(lib)/\($0)/faketime/libfaketime.so.1" } + ["\(lib)/faketime/libfaketime.so.1"]
        guard let found = candidates.first(where: { FileManager.default.fileExists(atPath: $0) }) else {
            throw HarnessError("libfaketime is not installed (Debian package faketime; make test installs it)")
        }
        return found
    }

    /// The environment that runs a program with its wall clock `seconds` ahead of (or behind) the machine's.
    public static func environment(offset seconds: Int) throws -> [String: String] {
        ["LD_PRELOAD": try library(), "FAKETIME": seconds < 0 ? "\(seconds)" : "+\(seconds)",
         "DONT_FAKE_MONOTONIC": "1", "NO_FAKE_STAT": "1"]
    }
}
