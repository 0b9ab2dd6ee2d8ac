import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writes a file so that readers see either the old content or the complete new content, never a part: data goes to
/// a hidden temporary file beside the destination, is fsynced, renamed over the destination, and the directory is
/// fsynced. If the writer is dropped or `abandon()` is called before `commit()`, the temporary file is removed.
///
/// The one atomic writer of the package: encoded media, the daemon's media store, signed-alert files, the fleet's
/// metrics file and caches all write through it.
public final class AtomicFileWriter {
    /// Where the finished file will appear.
    public let destination: String
    /// The hidden temporary file being written.
    public private(set) var temporaryPath: String
    private var fd: Int32
    private var finished = false

    /// Creates the temporary file with permission bits `mode` (0644 by default: media and alerts are for the office
    /// to read). Fails with `.exists` if `destination` exists and `replace` is false, and with `.unwritable` if its
    /// directory is missing or not writable.
    public init(destination: String, replace: Bool, mode: mode_t = 0o644) throws(AtomicWriteError) {
        self.destination = destination
        let url = URL(fileURLWithPath: destination)
        let directory = url.deletingLastPathComponent().path
        var info = stat()
        if lstat(destination, &info) == 0 {
            if (info.st_mode & S_IFMT) == S_IFDIR {
                throw .unwritable(path: destination, reason: "it is a directory")
            }
            if !replace { throw .exists(path: destination) }
        }
        guard stat(directory, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else {
            throw .unwritable(path: destination, reason: "the directory '\(directory)' does not exist")
        }
        var template = Array("\(directory)/.\(url.lastPathComponent).XXXXXX.tmp".utf8CString)
        let opened = template.withUnsafeMutableBufferPointer { mkstemps($0.baseAddress!, 4) }
        guard opened >= 0 else {
            throw .unwritable(path: destination, reason: String(cString: strerror(errno)).lowercased())
        }
        fd = opened
        _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        temporaryPath = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        fchmod(fd, mode)
    }

    deinit { abandon() }

    /// Appends bytes, retrying short writes; a full disk surfaces as `.unwritable` naming the destination.
    public func write(_ bytes: UnsafeRawBufferPointer) throws(AtomicWriteError) {
        var offset = 0
        while offset < bytes.count {
            let written = Glibc.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                throw .unwritable(path: destination, reason: String(cString: strerror(errno)).lowercased())
            }
            offset += written
        }
    }

    /// Empties the temporary file to write it again from the start.
    public func restart() throws(AtomicWriteError) {
        guard ftruncate(fd, 0) == 0, lseek(fd, 0, SEEK_SET) == 0 else {
            throw .unwritable(path: destination, reason: String(cString: strerror(errno)).lowercased())
        }
    }

    /// Flushes to disk and atomically moves the file into place; returns the final size in bytes.
    @discardableResult
    public func commit() throws(AtomicWriteError) -> Int {
        var info = stat()
        guard fsync(fd) == 0, fstat(fd, &info) == 0 else {
            let reason = String(cString: strerror(errno)).lowercased()
            abandon()
            throw .unwritable(path: destination, reason: reason)
        }
        Glibc.close(fd)
        fd = -1
        do {
            try Self.moveIntoPlace(temporaryPath, as: destination)
        } catch {
            abandon()
            throw error
        }
        finished = true
        return Int(info.st_size)
    }

    /// Renames a complete, fsynced file over `destination` and fsyncs the directory, so the rename survives a power
    /// cut: the last step of ``commit()``, also for a file whose final name is known only once it is written.
    public static func moveIntoPlace(_ path: String, as destination: String) throws(AtomicWriteError) {
        guard rename(path, destination) == 0 else {
            throw .unwritable(path: destination, reason: String(cString: strerror(errno)).lowercased())
        }
        let directory = URL(fileURLWithPath: destination).deletingLastPathComponent().path
        let dirfd = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if dirfd >= 0 {
            fsync(dirfd)
            Glibc.close(dirfd)
        }
    }

    /// Writes `bytes` to `destination` atomically in one call, with permission bits `mode`.
    public static func write(_ bytes: some Collection<UInt8>, to destination: String, replace: Bool,
                             mode: mode_t = 0o644) throws(AtomicWriteError) {
        let writer = try AtomicFileWriter(destination: destination, replace: replace, mode: mode)
        var failure: AtomicWriteError?
        Array(bytes).withUnsafeBytes { raw in
            do throws(AtomicWriteError) { try writer.write(raw) } catch { failure = error }
        }
        if let failure { throw failure }
        try writer.commit()
    }

    /// Discards the temporary file; safe to call more than once.
    public func abandon() {
        if fd >= 0 {
            Glibc.close(fd)
            fd = -1
        }
        if !finished {
            unlink(temporaryPath)
            finished = true
        }
    }
}
