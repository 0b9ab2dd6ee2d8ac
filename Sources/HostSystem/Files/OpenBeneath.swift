import CLinux
#if canImport(Glibc)
import Glibc
#endif

/// Opens a file by a name that must stay inside one directory, for files operators write (schedule files) that the
/// daemon reads with more rights than they have: openat2(2) with `RESOLVE_BENEATH` and `RESOLVE_NO_MAGICLINKS`, so a
/// symbolic link is followed only while it stays beneath the directory.
public enum OpenBeneath {
    /// A descriptor for `name` opened with `flags` beneath the open directory `directory`, or -1 with `errno` set:
    /// `EXDEV` or `ELOOP` when the name leads outside, `ENOSYS` or `EPERM` when the kernel (before 5.6) or a seccomp
    /// filter has no openat2, so the caller can fall back to resolving the path itself.
    public static func open(_ name: String, beneath directory: Int32, flags: Int32) -> Int32 {
        communecast_openat2(directory, name, UInt64(UInt32(bitPattern: flags)),
                            UInt64(RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS))
    }
}
