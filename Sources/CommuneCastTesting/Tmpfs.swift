import Foundation

/// A small tmpfs mounted for one test, to fill a disk on purpose (an upload onto a full state directory, a capture
/// device whose writes fail). Mounting needs root, as the test machine and CI containers have; `isAvailable` says
/// whether it works here so the tests that need it can say why they did not run.
public final class Tmpfs: @unchecked Sendable {
    /// The mount point.
    public let path: String

    /// Mounts a tmpfs of `bytes` at `path`, creating the directory.
    public init(at path: String, bytes: Int) throws {
        self.path = path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        let result = try ProcessRunner.run("mount", ["-t", "tmpfs", "-o", "size=\(bytes),mode=0755", "tmpfs", path])
        guard result.status == 0 else { throw HarnessError("cannot mount a tmpfs at \(path): \(result.standardError)") }
    }

    /// Whether a tmpfs can be mounted here (root, and a kernel that allows it in this container).
    public static let isAvailable: Bool = {
        guard let directory = try? TemporaryDirectory(prefix: "tmpfs-probe") else { return false }
        defer { directory.remove() }
        guard let mount = try? Tmpfs(at: directory.file("m"), bytes: 65_536) else { return false }
        mount.unmount()
        return true
    }()

    /// Free bytes on the file system, as a writer sees them.
    public var freeBytes: Int {
        var stats = statvfs()
        guard statvfs(path, &stats) == 0 else { return 0 }
        return Int(stats.f_bavail) * Int(stats.f_frsize)
    }

    /// Fills the file system until `leaving` bytes remain free (rounded down to whole pages), with a file that
    /// `release()` removes.
    public func fill(leaving: Int) throws {
        let filler = "\(path)/.filler"
        let size = max(0, freeBytes - leaving)
        guard FileManager.default.createFile(atPath: filler, contents: Data(count: size)) else {
            throw HarnessError("cannot write \(size) bytes of filler to \(path)")
        }
    }

    /// Removes the filler.
    public func release() {
        try? FileManager.default.removeItem(atPath: "\(path)/.filler")
    }

    /// Unmounts (lazily, so a file the daemon still holds does not keep it busy).
    public func unmount() {
        _ = try? ProcessRunner.run("umount", ["-l", path])
    }
}
