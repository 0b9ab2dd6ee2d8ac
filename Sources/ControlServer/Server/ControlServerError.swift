/// Why the control server could not start or serve, in words an operator can act on.
public enum ControlServerError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A served interface description does not parse; this is a build defect, not a site problem.
    case invalidInterface(String)
    /// The directory that should hold the socket could not be created.
    case socketDirectory(path: String, errno: Int32)
    /// The socket could not be bound.
    case bindFailed(path: String, reason: String)
    /// The TLS listener could not listen on its address.
    case tlsBindFailed(address: String, reason: String)
    /// A TLS certificate, key or CA file is missing, unreadable or not what it should be.
    case tlsCredentials(path: String, reason: String)
    /// The socket file's permissions could not be set.
    case socketPermissions(path: String, errno: Int32)
    /// The kernel did not say who the peer is (SO_PEERCRED), so the connection cannot be given a role.
    case peerCredentialsUnavailable
    /// The system would not start a thread for the Unix socket (its thread or memory limit was reached).
    case threadUnavailable(reason: String)
    /// `run()` was called twice.
    case alreadyRunning
    /// The server stopped before it started listening.
    case stoppedBeforeListening

    /// A sentence a person reading the daemon's log can act on.
    public var description: String {
        switch self {
        case .invalidInterface(let reason):
            "a served varlink interface description is invalid (\(reason)); this build of communecastd is broken"
        case .socketDirectory(let path, let code):
            "cannot create the control socket directory \(path): \(SystemErrorText.text(for: code)); "
                + "create it or choose another socket path"
        case .bindFailed(let path, let reason):
            "cannot listen on the control socket \(path): \(reason)"
        case .tlsBindFailed(let address, let reason):
            "cannot listen for TLS clients on \(address): \(reason)"
        case .tlsCredentials(let path, let reason):
            "cannot use \(path) for TLS: \(reason)"
        case .socketPermissions(let path, let code):
            "cannot set the permissions of the control socket \(path): \(SystemErrorText.text(for: code))"
        case .peerCredentialsUnavailable:
            "the kernel did not report the peer's credentials (SO_PEERCRED); only Unix sockets on Linux are supported"
        case .threadUnavailable(let reason):
            "cannot start a thread for the control socket: \(reason); raise the daemon's task limit (TasksMax)"
        case .alreadyRunning:
            "the control server is already running"
        case .stoppedBeforeListening:
            "the control server was stopped before it started listening"
        }
    }
}
