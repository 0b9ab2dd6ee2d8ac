import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writes a file so that readers see either the old content or the complete new content, never a part: data goes to
/// a hidden temporary file beside the destination, is fsynced, renamed over the destination, and the directory is
/// fsynced. If the writer is dropped or `abandon()` is called before `commit()`, the temporary file is removed.
public final class AtomicFileWriter {
    /// Where the finished file will appear.
    public let destination: String
    /// The hidden temporary file being written.
    public private(set) var temporaryPath: String
    private var fd: Int32
    private var finished = false

    /// Creates the temporary file. Fails with `.outputExists` if `destination` exists and `replace` is false, and
    /// with `.outputUnwritable` if its directory is missing or not writable.
    public init(destination: String, replace: Bool) throws(MediaError) {
        self.destination = destination
        let url = URL(fileURLWithPath: destination)
        let directory = url.deletingLastPathComponent().path
        var info = stat()
        if lstat(destination, &info) == 0 {
            if (info.st_mode & S_IFMT) == S_IFDIR {
                throw .outputUnwritable(path: destination, reason: "it is a directory")
            }
            if !replace { throw .outputExists(path: destination) }
        }
        guard stat(directory, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else {
            throw .outputUnwritable(path: destination, reason: "the directory '\(directory)' does not exist")
        }
        var template = Array("\(directory)/.\(url.lastPathComponent).XXXXXX.tmp".utf8CString)
        let opened = template.withUnsafeMutableBufferPointer { mkstemps($0.baseAddress!, 4) }
        guard opened >= 0 else {
            throw .outputUnwritable(path: destination, reason: String(cString: strerror(errno)).lowercased())
        }
        fd = opened
        _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        temporaryPath = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        fchmod(fd, 0o644)
    }

    deinit { abandon() }

    /// Appends bytes, retrying short writes; a full disk surfaces as `.outputUnwritable` naming the destination.
    public func write(_ bytes: UnsafeRawBufferPointer) throws(MediaError) {
        var offset = 0
        while offset < bytes.count {
            let written = Glibc.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                throw .outputUnwritable(path: destination, reason: String(cString: strerror(errno)).lowercased())
            }
            offset += written
        }
    }

    /// Empties the temporary file to write it again from the start.
    public func restart() throws(MediaError) {
        guard ftruncate(fd, 0) == 0, lseek(fd, 0, SEEK_SET) == 0 else {
            throw .outputUnwritable(path: destination, reason: String(cString: strerror(errno)).lowercased())
        }
    }

    /// Flushes to disk and atomically moves the file into place; returns the final size in bytes.
    @discardableResult
    public func commit() throws(MediaError) -> Int {
        var info = stat()
        guard fsync(fd) == 0, fstat(fd, &info) == 0 else {
            let reason = String(cString: strerror(errno)).lowercased()
            abandon()
            throw .outputUnwritable(path: destination, reason: reason)
        }
        Glibc.close(fd)
        fd = -1
        guard rename(temporaryPath, destination) == 0 else {
            let reason = String(cString: strerror(errno)).lowercased()
            abandon()
            throw .outputUnwritable(path: destination, reason: reason)
        }
        finished = true
        let directory = URL(fileURLWithPath: destination).deletingLastPathComponent().path
        let dirfd = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if dirfd >= 0 {
            fsync(dirfd)
            Glibc.close(dirfd)
        }
        return Int(info.st_size)
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
