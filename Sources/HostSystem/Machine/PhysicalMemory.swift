#if canImport(Glibc)
import Glibc
#endif

/// The machine's physical memory, which bounds how long a file may be encoded in one piece (the pipeline holds the
/// whole signal): the site allows half of it to an upload sent as is, the office three quarters to `media encode`.
public enum PhysicalMemory {
    /// Bytes of physical memory, or nil when the system does not say.
    public static var bytes: Int? {
        let pages = sysconf(Int32(_SC_PHYS_PAGES))
        let pageSize = sysconf(Int32(_SC_PAGESIZE))
        guard pages > 0, pageSize > 0 else { return nil }
        return pages * pageSize
    }

    /// `fraction` of the physical memory, at least 16 MiB; `fallback` when the system does not say.
    public static func share(_ fraction: Double, fallback: Int = 256 * 1_024 * 1_024) -> Int {
        guard let bytes else { return fallback }
        return max(Int(Double(bytes) * fraction), 16 * 1_024 * 1_024)
    }
}
