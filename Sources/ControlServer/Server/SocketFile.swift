#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Logging

/// The file-system side of the control socket: its directory, its permissions and its removal.
enum SocketFile {
    /// Creates the socket's parent directory (and any missing ancestors) with mode 0755 if it does not exist,
    /// whatever the umask (the daemon's is 077), so that the socket's group can reach the socket.
    static func createParentDirectory(of path: String) throws(ControlServerError) {
        var directory = ""
        let components = path.split(separator: "/", omittingEmptySubsequences: true).dropLast()
        for component in components {
            directory += "/" + component
            if mkdir(directory, 0o755) == 0 {
                if chmod(directory, 0o755) != 0 { throw .socketDirectory(path: directory, errno: errno) }
            } else if errno != EEXIST {
                throw .socketDirectory(path: directory, errno: errno)
            }
        }
    }

    /// Gives the socket its mode, and its group when `groupName` names an existing group.
    static func applyPermissions(
        path: String, mode: UInt32, groupName: String?, logger: Logger
    ) throws(ControlServerError) {
        if chmod(path, mode_t(mode)) != 0 { throw .socketPermissions(path: path, errno: errno) }
        guard let groupName else { return }
        guard let gid = groupID(named: groupName) else {
            logger.warning(
                "socket group does not exist; leaving the socket's group unchanged",
                metadata: ["group": "\(groupName)", "socket": "\(path)"]
            )
            return
        }
        if chown(path, uid_t.max, gid) != 0 { throw .socketPermissions(path: path, errno: errno) }
    }

    /// Where to bind the socket before it is moved to `path`: a hidden name beside it (so the move is atomic), or
    /// `path` itself when the hidden name would not fit in a socket address.
    static func stagingPath(for path: String) -> String {
        let slash = path.lastIndex(of: "/").map { path.index(after: $0) } ?? path.startIndex
        let staging = path[..<slash] + ".\(path[slash...]).\(getpid())"
        return staging.utf8.count < MemoryLayout.size(ofValue: sockaddr_un().sun_path) ? String(staging) : path
    }

    /// Moves the bound socket from `staging` to `path`, replacing a stale socket file there.
    static func move(_ staging: String, to path: String) throws(ControlServerError) {
        guard staging != path else { return }
        if rename(staging, path) != 0 {
            let reason = SystemErrorText.text(for: errno)
            throw .bindFailed(path: path, reason: "cannot move the socket into place: \(reason)")
        }
    }

    /// Removes the socket file; a file already gone is not an error.
    static func remove(_ path: String, logger: Logger) {
        if unlink(path) != 0, errno != ENOENT {
            logger.warning(
                "cannot remove the control socket file",
                metadata: ["socket": "\(path)", "error": "\(SystemErrorText.text(for: errno))"]
            )
        }
    }

    private static func groupID(named name: String) -> gid_t? {
        var size = 1024
        while size <= 1 << 20 {
            let result: gid_t?? = withUnsafeTemporaryAllocation(of: CChar.self, capacity: size) { buffer in
                var entry = group()
                var found: UnsafeMutablePointer<group>?
                let status = getgrnam_r(name, &entry, buffer.baseAddress!, buffer.count, &found)
                if status == ERANGE { return .none }
                return .some(status == 0 && found != nil ? entry.gr_gid : nil)
            }
            if let result { return result }
            size *= 2
        }
        return nil
    }
}
