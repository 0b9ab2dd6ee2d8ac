import Foundation
import Logging
#if canImport(Glibc)
import Glibc
#endif

/// The daemon's state directory (the database with its audit log, and the media): the daemon's alone, whatever
/// the umask it was started with (issue 12).
///
/// Under systemd the unit makes the directory 0700 and sets `UMask=0077`; started by hand with umask 022, the
/// daemon would otherwise leave the database and the audio readable by every local user, although the control
/// socket refuses them. So the daemon sets the same umask itself, creates the directory 0700, and at every start
/// takes away group and other permissions that an earlier start or a copy left on what is inside, with a log line.
enum StateDirectory {
    /// The mode of the state directory and the directories in it.
    static let directoryMode: mode_t = 0o700
    /// The mode of the files in it.
    static let fileMode: mode_t = 0o600
    /// The umask the daemon runs with: the systemd unit's `UMask=0077`.
    static let umask: mode_t = 0o077

    /// Creates the directory if needed, takes its lock (see `StateLock`), and tightens permissions that are too
    /// open; the lock is held until the returned value is released.
    static func prepare(_ directory: String, logger: Logger) throws -> StateLock {
        do {
            try FileManager.default.createDirectory(
                atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: directoryMode]
            )
        } catch {
            throw StateDirectoryError.unusable(path: directory, action: "create the state directory",
                                               reason: "\(error.localizedDescription)")
        }
        let lock = try StateLock(directory: directory)
        let tightened = tighten(directory, depth: 2)
        if !tightened.isEmpty {
            logger.warning("took group and other permissions away from the state directory", metadata: [
                "directory": "\(directory)", "count": "\(tightened.count)",
                "paths": "\(tightened.prefix(5).joined(separator: ","))\(tightened.count > 5 ? ",…" : "")",
            ])
        }
        return lock
    }

    /// Removes group and other permissions from `path` and, for a directory, from what it holds down to `depth`
    /// levels; returns the paths changed. Symbolic links are neither followed nor changed, and sockets and pipes
    /// keep their modes.
    static func tighten(_ path: String, depth: Int) -> [String] {
        var info = stat()
        guard lstat(path, &info) == 0 else { return [] }
        let kind = info.st_mode & S_IFMT
        guard kind == S_IFDIR || kind == S_IFREG else { return [] }
        var changed: [String] = []
        if info.st_mode & 0o077 != 0, chmod(path, info.st_mode & 0o700) == 0 {
            changed.append(path)
        }
        if kind == S_IFDIR, depth > 0, let entries = try? FileManager.default.contentsOfDirectory(atPath: path) {
            for entry in entries.sorted() {
                changed += tighten("\(path)/\(entry)", depth: depth - 1)
            }
        }
        return changed
    }
}
