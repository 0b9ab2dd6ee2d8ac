import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Dedicated threads whose names the kernel shows. Foundation's `Thread.name` never reaches the kernel on Linux, so
/// `top -H`, `ps -L`, `perf` and `/proc/PID/task/*/comm` used to show each of our threads under the name of whatever
/// thread started it (a dispatch worker's `oot.default-qos`). The kernel keeps at most 15 bytes of a name; ours
/// start with `cc-`.
public enum NamedThread {
    /// The most bytes of a name the kernel keeps.
    public static let maximumNameBytes = 15

    /// Starts `body` at once on a new thread named `name`; the kernel keeps its first `maximumNameBytes` bytes.
    public static func start(
        _ name: String, qualityOfService: QualityOfService = .default, _ body: @escaping @Sendable () -> Void
    ) {
        let thread = Thread {
            nameCurrentThread(name)
            body()
        }
        thread.name = name
        thread.qualityOfService = qualityOfService
        thread.start()
    }

    /// Gives the calling thread `name` in the kernel, through `/proc/thread-self/comm`: Glibc keeps
    /// `pthread_setname_np` behind `_GNU_SOURCE`, which Swift's Glibc module does not define. Best effort: a name
    /// is for people reading the process, never something the program depends on.
    public static func nameCurrentThread(_ name: String) {
        let descriptor = open("/proc/thread-self/comm", O_WRONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        defer { close(descriptor) }
        let bytes = Array(name.utf8.prefix(maximumNameBytes))
        _ = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
    }
}
