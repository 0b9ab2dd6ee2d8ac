import Crypto
#if canImport(Glibc)
import Glibc
#endif

/// SHA-256 of files and byte buffers; the media store names every file by it, which is what deduplicates uploads.
public enum FileDigest {
    /// Streams the file through SHA-256; lowercase hex.
    public static func sha256(path: String) throws(MediaError) -> String {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .unreadable(path: path, reason: String(cString: strerror(errno)).lowercased()) }
        defer { close(fd) }
        var hasher = SHA256()
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let got = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if got < 0, errno == EINTR { continue }
            if got < 0 { throw .unreadable(path: path, reason: String(cString: strerror(errno)).lowercased()) }
            if got == 0 { break }
            chunk.withUnsafeBytes { hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: $0[0..<got])) }
        }
        return hasher.finalize().hexString
    }

    /// SHA-256 of bytes in memory; lowercase hex.
    public static func sha256(_ bytes: [UInt8]) -> String {
        SHA256.hash(data: bytes).hexString
    }
}
