import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// An exclusive lock on the state directory, held for the life of the process, so that a second daemon started on
/// the same directory refuses to run instead of sharing the database and airing every programme twice (issue 12).
///
/// It is a `flock` on `communecastd.lock` in the directory, which also holds the holder's pid for the second
/// daemon's message. The kernel drops the lock when the process ends however it ends, so a crash never leaves a
/// stale lock; the descriptor is close-on-exec, so no child process inherits it.
final class StateLock: Sendable {
    /// The lock file's name in the state directory.
    static let fileName = "communecastd.lock"

    /// The lock file.
    let path: String
    private let descriptor: Int32

    /// Takes the lock on `directory` (which must exist), or throws `.inUse` naming the holder.
    init(directory: String) throws(StateDirectoryError) {
        path = "\(directory)/\(Self.fileName)"
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, StateDirectory.fileMode)
        guard descriptor >= 0 else {
            throw .unusable(path: path, action: "open the lock file", reason: String(cString: strerror(errno)))
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let code = errno
            let holder = Self.pid(in: descriptor)
            close(descriptor)
            if code == EWOULDBLOCK { throw .inUse(directory: directory, lockFile: path, pid: holder) }
            throw .unusable(path: path, action: "lock", reason: String(cString: strerror(code)))
        }
        self.descriptor = descriptor
        let pid = Array("\(getpid())\n".utf8)
        guard ftruncate(descriptor, 0) == 0,
              pid.withUnsafeBytes({ pwrite(descriptor, $0.baseAddress, $0.count, 0) }) == pid.count else {
            let reason = String(cString: strerror(errno))
            close(descriptor)
            throw .unusable(path: path, action: "write the pid into", reason: reason)
        }
    }

    deinit { close(descriptor) }

    /// The pid a holder wrote into the lock file, if it has written one.
    private static func pid(in descriptor: Int32) -> Int32? {
        var buffer = [UInt8](repeating: 0, count: 32)
        let count = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return nil }
        return Int32(String(decoding: buffer[..<count], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
