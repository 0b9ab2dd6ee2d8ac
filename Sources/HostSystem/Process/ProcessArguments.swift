import Foundation

/// The program's command line and executable, also when `CommandLine.arguments` comes back empty.
///
/// On Linux the Swift runtime finds `argv` by walking up from `environ` in a static initialiser. A library loaded
/// before it that calls `setenv` (libfaketime under `LD_PRELOAD` does) moves `environ` off the stack, and the
/// runtime then reports no arguments at all (swiftlang/swift#76080). A daemon that then ran on its defaults,
/// ignoring `--config`, would be far worse than one that refused to start, so both programs read
/// `/proc/self/cmdline` in that case.
public enum ProcessArguments {
    /// `argv`, program name first.
    public static var all: [String] {
        let arguments = CommandLine.arguments
        if !arguments.isEmpty { return arguments }
        guard let data = FileManager.default.contents(atPath: "/proc/self/cmdline") else { return [] }
        var parts = data.split(separator: 0, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
        if parts.last == "" { parts.removeLast() }
        return parts
    }

    /// The running executable with symbolic links resolved: `/proc/self/exe`, else `argv[0]`.
    public static var executable: URL {
        if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            return URL(fileURLWithPath: path)
        }
        return URL(fileURLWithPath: all.first ?? "").resolvingSymlinksInPath()
    }
}
