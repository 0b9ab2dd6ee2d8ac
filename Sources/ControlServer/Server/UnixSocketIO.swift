#if canImport(Glibc)
import Glibc
#endif
import NIOCore

/// The system calls of the Unix socket's own I/O path, each with its retries, so the threads that use them read as
/// what they do.
enum UnixSocketIO {
    /// Opens a listening socket bound at `path`, replacing a stale socket file there (but no other kind of file).
    static func listen(at path: String, backlog: Int32) throws(ControlServerError) -> Int32 {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else {
            throw .bindFailed(path: path, reason: "the path is longer than a socket address holds")
        }
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: bytes) }
        var existing = stat()
        if lstat(path, &existing) == 0 {
            guard existing.st_mode & S_IFMT == S_IFSOCK else {
                throw .bindFailed(path: path, reason: "a file that is not a socket is in the way")
            }
            unlink(path)
        }
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw .bindFailed(path: path, reason: SystemErrorText.text(for: errno)) }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard bound == 0, Glibc.listen(fd, backlog) == 0 else {
            let reason = SystemErrorText.text(for: errno)
            close(fd)
            throw .bindFailed(path: path, reason: reason)
        }
        return fd
    }

    /// Makes a blocking `read` on `fd` give up with `EAGAIN` after `timeout` (at least a millisecond: zero would
    /// mean never).
    static func setReceiveTimeout(_ fd: Int32, _ timeout: Duration) {
        let (seconds, attoseconds) = max(timeout, .milliseconds(1)).components
        var value = timeval(tv_sec: Int(seconds), tv_usec: Int(attoseconds / 1_000_000_000_000))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &value, socklen_t(MemoryLayout<timeval>.size))
    }

    /// Writes all of `frame` to `fd`; when the client's buffer is full, waits for room unless `wake` (a pipe
    /// polled beside it) says to give up. Returns `false` if the client is gone or the write was given up.
    static func write(_ frame: ByteBuffer, to fd: Int32, wake: Int32, giveUp: () -> Bool) -> Bool {
        frame.withUnsafeReadableBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let sent = send(fd, bytes.baseAddress! + offset, bytes.count - offset,
                                Int32(MSG_DONTWAIT) | Int32(MSG_NOSIGNAL))
                if sent >= 0 {
                    offset += sent
                    continue
                }
                switch errno {
                case EINTR:
                    continue
                case EAGAIN, EWOULDBLOCK:
                    var fds = [pollfd(fd: fd, events: Int16(POLLOUT), revents: 0),
                               pollfd(fd: wake, events: Int16(POLLIN), revents: 0)]
                    _ = poll(&fds, 2, -1)
                    if giveUp() { return false }
                default:
                    return false
                }
            }
            return true
        }
    }

    /// The peer's credentials on an accepted connection, or `nil` if the kernel does not say.
    static func peerCredentials(_ fd: Int32) -> PeerCredentials? {
        var credentials = (pid: Int32(0), uid: UInt32(0), gid: UInt32(0))
        var length = socklen_t(MemoryLayout.size(ofValue: credentials))
        guard getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &credentials, &length) == 0,
              length == socklen_t(MemoryLayout.size(ofValue: credentials)) else { return nil }
        return PeerCredentials(uid: credentials.uid, gid: credentials.gid, pid: credentials.pid)
    }
}
