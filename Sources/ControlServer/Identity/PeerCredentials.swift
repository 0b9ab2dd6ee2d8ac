/// The kernel's account of the process at the other end of a Unix socket (SO_PEERCRED), which it cannot forge.
struct PeerCredentials: Sendable, Hashable {
    /// The peer's effective user id when it connected.
    var uid: UInt32
    /// The peer's effective group id when it connected.
    var gid: UInt32
    /// The peer's process id.
    var pid: Int32
}
