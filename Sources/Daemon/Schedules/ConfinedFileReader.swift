import Foundation
import HostSystem
import YAMLSupport
#if canImport(Glibc)
import Glibc
#endif

/// Reads the files of one directory without ever leaving it: the daemon runs as a user who can read more than the
/// operators who write schedule files or call `schedule reload`, so `ln -s /etc/shadow schedules/leak.yaml` must not
/// make it read `/etc/shadow` (issue 12). A name is opened with openat2(2)'s `RESOLVE_BENEATH`, so a symbolic link
/// is followed only while it stays inside the directory; only regular files are read (a FIFO cannot stall a reload),
/// and only up to ``maximumBytes``. Errors name the file and what is wrong with it, never its content.
struct ConfinedFileReader: Sendable {
    /// The largest schedule file read: 1 MiB, sixteen times what one AddSchedule call may carry.
    static let maximumBytes = 1 << 20

    /// The directory, as configured.
    let directory: String
    /// The most bytes a file may hold.
    var maximumBytes = Self.maximumBytes

    /// The text of `name`, a file name inside ``directory``.
    ///
    /// - Throws: `YAMLIssues` naming the file: a link that leaves the directory, not a regular file, too large, not
    ///   UTF-8, or a system error.
    func read(_ name: String) throws(YAMLIssues) -> String {
        let path = "\(directory)/\(name)"
        func refuse(_ problem: String) -> YAMLIssues {
            YAMLIssues([YAMLIssue(file: path, line: nil, key: "", problem: problem)])
        }
        let fd = try open(name, refuse: refuse)
        defer { close(fd) }
        var status = stat()
        guard fstat(fd, &status) == 0 else { throw refuse("cannot read: \(Self.errorText())") }
        guard status.st_mode & S_IFMT == S_IFREG else {
            throw refuse("not a regular file; schedules are read only from regular files (or links to them inside "
                         + "the directory)")
        }
        guard Int(status.st_size) <= maximumBytes else {
            throw refuse("\(status.st_size) bytes; a schedule file may hold at most \(maximumBytes) bytes")
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Int(status.st_size))
        var chunk = [UInt8](repeating: 0, count: 64 * 1_024)
        while bytes.count <= maximumBytes {
            let got = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress!, $0.count) }
            if got < 0, errno == EINTR { continue }
            guard got >= 0 else { throw refuse("cannot read: \(Self.errorText())") }
            if got == 0 { break }
            bytes += chunk[..<got]
        }
        let count = bytes.count
        guard count <= maximumBytes else {
            throw refuse("grew past \(maximumBytes) bytes while it was read; a schedule file may hold at most that")
        }
        guard let text = String(validating: bytes[..<count], as: UTF8.self) else {
            throw refuse("not UTF-8 text")
        }
        return text
    }

    /// A read-only descriptor for `name`, resolved beneath the directory.
    private func open(_ name: String, refuse: (String) -> YAMLIssues) throws(YAMLIssues) -> Int32 {
        let directoryFD = Glibc.open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard directoryFD >= 0 else { throw refuse("cannot open the directory: \(Self.errorText())") }
        defer { close(directoryFD) }
        var fd = OpenBeneath.open(name, beneath: directoryFD, flags: O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)
        if fd < 0, errno == ENOSYS || errno == EPERM {
            // A kernel before 5.6, or a seccomp filter that hides openat2: resolve the path and check it instead.
            fd = try openResolved(name, refuse: refuse)
        }
        guard fd >= 0 else {
            if errno == EXDEV || errno == ELOOP {
                throw refuse("a symbolic link that leads outside the schedules directory; not read (a link is "
                             + "followed only to a file inside \(directory), by a relative path)")
            }
            throw refuse("cannot open: \(Self.errorText())")
        }
        return fd
    }

    /// The fallback of ``open(_:refuse:)``: the real path must lie inside the directory's real path.
    private func openResolved(_ name: String, refuse: (String) -> YAMLIssues) throws(YAMLIssues) -> Int32 {
        guard let base = realpath(directory, nil), let target = realpath("\(directory)/\(name)", nil) else {
            return -1
        }
        defer {
            free(base)
            free(target)
        }
        let inside = String(cString: base) + "/"
        guard String(cString: target).hasPrefix(inside) else {
            errno = EXDEV
            return -1
        }
        return Glibc.open(target, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY | O_NOFOLLOW)
    }

    private static func errorText() -> String {
        String(cString: strerror(errno))
    }
}
