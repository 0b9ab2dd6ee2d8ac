import ControlProtocol
import ControlServer
import Foundation
import Logging
import Synchronization

/// The daemon's ACL file, read at start-up and read again whenever it changes, so revoking a client is an edit of
/// the file: the next call from that client, on a new connection or an open one, is refused. No restart is needed.
///
/// If an edit leaves the file invalid, every TLS client is refused until it is fixed (the Unix socket is not
/// affected): carrying on with the old ACL would keep a client the operator meant to revoke.
final class ACLFile: ClientAuthorizer {
    private struct State {
        var stamp: FileStamp?
        var acl: ClientACL?
    }

    /// The file, as configured.
    let path: String
    private let logger: Logger
    private let state: Mutex<State>

    /// Reads the file; an invalid file stops the daemon at start-up with every problem located.
    init(path: String, logger: Logger) throws {
        self.path = path
        self.logger = logger
        let stamp = FileStamp(path: path)
        state = Mutex(State(stamp: stamp, acl: try ClientACL.load(path: path)))
    }

    /// How many clients the ACL names, for the start-up summary.
    var summary: String {
        state.withLock { state in
            guard let acl = state.acl else { return "invalid: every TLS client is refused" }
            return "\(acl.commonNames.count) by CN, \(acl.fingerprints.count) by fingerprint, "
                + "\(acl.revoked.count) revoked"
        }
    }

    func role(for client: ClientCertificate) -> Role? {
        current()?.role(for: client)
    }

    /// The ACL as the file says now, read again if it changed; `nil` while the file is invalid.
    func current() -> ClientACL? {
        let stamp = FileStamp(path: path)
        return state.withLock { state in
            if stamp != state.stamp {
                state.stamp = stamp
                state.acl = reload()
            }
            return state.acl
        }
    }

    private func reload() -> ClientACL? {
        do {
            let acl = try ClientACL.load(path: path)
            logger.notice("reloaded the TLS client ACL", metadata: [
                "acl": "\(path)", "cn": "\(acl.commonNames.count)", "sha256": "\(acl.fingerprints.count)",
                "revoked": "\(acl.revoked.count)",
            ])
            return acl
        } catch {
            logger.error("the TLS client ACL is invalid: refusing every TLS client until it is fixed", metadata: [
                "acl": "\(path)", "error": "\(error)",
            ])
            return nil
        }
    }
}

/// Enough of a file's `stat` to notice that it was rewritten or replaced: an editor's save, or a rename over it.
struct FileStamp: Equatable {
    var device: UInt64
    var inode: UInt64
    var size: Int64
    var seconds: Int
    var nanoseconds: Int

    /// The file's stamp, or `nil` if it cannot be read (which also counts as a change).
    init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
        size = Int64(info.st_size)
        seconds = Int(info.st_mtim.tv_sec)
        nanoseconds = Int(info.st_mtim.tv_nsec)
    }
}
