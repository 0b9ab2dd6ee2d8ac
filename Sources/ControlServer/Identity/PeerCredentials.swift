#if canImport(Glibc)
import Glibc
#endif
import NIOCore

/// The kernel's account of the process at the other end of a Unix socket (SO_PEERCRED), which it cannot forge.
struct PeerCredentials: Sendable, Hashable {
    /// The peer's effective user id when it connected.
    var uid: UInt32
    /// The peer's effective group id when it connected.
    var gid: UInt32
    /// The peer's process id.
    var pid: Int32

    /// Reads the credentials of an accepted Unix socket connection; must be called on the channel's event loop
    /// and then completes at once.
    static func read(from channel: Channel) -> EventLoopFuture<PeerCredentials> {
        #if os(Linux)
        guard let provider = channel as? SocketOptionProvider else {
            return channel.eventLoop.makeFailedFuture(ControlServerError.peerCredentialsUnavailable)
        }
        let future: EventLoopFuture<KernelUcred> = provider.unsafeGetSocketOption(
            level: .socket,
            name: NIOBSDSocket.Option(rawValue: SO_PEERCRED)
        )
        return future.map { PeerCredentials(uid: $0.uid, gid: $0.gid, pid: $0.pid) }
        #else
        return channel.eventLoop.makeFailedFuture(ControlServerError.peerCredentialsUnavailable)
        #endif
    }

    /// Linux's `struct ucred` (`pid_t pid; uid_t uid; gid_t gid;`), which Glibc only declares under
    /// `_GNU_SOURCE` and so is not visible to Swift; the layout is fixed by the kernel ABI.
    private struct KernelUcred: Sendable {
        var pid: Int32
        var uid: UInt32
        var gid: UInt32
    }
}
