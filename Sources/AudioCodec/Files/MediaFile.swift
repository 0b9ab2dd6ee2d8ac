import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// File-system facts and whole-file reads with errors phrased for operators. Every input path passes through here
/// first, so "missing", "a directory" and "permission denied" read the same for every format.
public enum MediaFile {
    /// Throws `.unreadable` unless `path` names a regular file this process can open for reading.
    public static func checkReadable(path: String) throws(MediaError) {
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw .unreadable(path: path, reason: String(cString: strerror(errno)).lowercased())
        }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            throw .unreadable(path: path, reason: "it is a directory, not a file")
        }
        guard access(path, R_OK) == 0 else {
            throw .unreadable(path: path, reason: String(cString: strerror(errno)).lowercased())
        }
    }

    /// Reads a whole file; for Ogg Opus inputs, which are small (24 kb/s is 11 MB for an hour).
    public static func readAll(path: String) throws(MediaError) -> [UInt8] {
        try checkReadable(path: path)
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .unreadable(path: path, reason: String(cString: strerror(errno)).lowercased()) }
        defer { Glibc.close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let got = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if got < 0 {
                if errno == EINTR { continue }
                throw .unreadable(path: path, reason: String(cString: strerror(errno)).lowercased())
            }
            if got == 0 { break }
            bytes.append(contentsOf: chunk[0..<got])
        }
        return bytes
    }

    /// Reads up to `count` bytes from the start of a file, to sniff its container.
    public static func readPrefix(path: String, count: Int) throws(MediaError) -> [UInt8] {
        try checkReadable(path: path)
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .unreadable(path: path, reason: String(cString: strerror(errno)).lowercased()) }
        defer { Glibc.close(fd) }
        var bytes = [UInt8](repeating: 0, count: count)
        var filled = 0
        while filled < count {
            let got = bytes.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress! + filled, count - filled) }
            if got < 0, errno == EINTR { continue }
            if got <= 0 { break }
            filled += got
        }
        return Array(bytes[0..<filled])
    }

    /// Size in bytes, or nil when the path cannot be examined.
    public static func size(path: String) -> Int? {
        var info = stat()
        return stat(path, &info) == 0 ? Int(info.st_size) : nil
    }
}
