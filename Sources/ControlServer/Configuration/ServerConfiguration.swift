import ControlProtocol

/// Everything the control server needs to know, with the daemon's defaults for every field (DESIGN §5).
///
/// The daemon builds this from `communecastd.yaml`; tests shrink the limits and timeouts to exercise them.
public struct ServerConfiguration: Sendable {
    /// Where the daemon listens, and where `communecast` connects by default.
    public static let defaultSocketPath = "/run/communecast/control.sock"

    /// The path of the Unix socket to create.
    public var socketPath: String
    /// An already bound and listening socket to serve instead of creating `socketPath` (systemd socket
    /// activation). The server then neither creates, chmods nor removes the socket file.
    public var listenFD: Int32?
    /// The permission bits of the socket file; connecting needs write permission, so 0660 admits the owner and
    /// the group.
    public var socketMode: UInt32
    /// The group to give the socket file to, such as `communecast`; if no such group exists the server logs a
    /// warning and leaves the group alone.
    public var socketGroup: String?
    /// How long a connection may stay silent, with no call in progress, before the server closes it.
    public var idleTimeout: Duration
    /// How many connections may be open at once; more are closed as soon as they are accepted.
    public var maxConnections: Int
    /// The largest message, in bytes without its NUL, accepted for any method not in `methodFrameLimits`.
    public var maxFrameBytes: Int
    /// Larger message limits for methods that carry bulk data, keyed by fully qualified method name.
    public var methodFrameLimits: [String: Int]
    /// `GetInfo`'s `vendor`.
    public var vendor: String
    /// `GetInfo`'s `product`.
    public var product: String
    /// `GetInfo`'s `version`.
    public var version: String
    /// `GetInfo`'s `url`.
    public var url: String
    /// The descriptions of the interfaces served, besides `org.varlink.service`, which is always served.
    public var interfaceDescriptions: [String]
    /// Methods that stream and must be called with `more`; without it the server replies `ExpectedMore`.
    public var methodsRequiringMore: Set<String>
    /// The least role each method needs; methods not listed need `admin`.
    public var requiredRoles: [String: Role]
    /// Methods whose calls the handler may answer on the event loop from memory (`ControlHandler.answerFromMemory`),
    /// as their declarations say (`VarlinkMethod.answeredFromMemory`).
    public var methodsAnsweredFromMemory: Set<String>
    /// A TCP listener for remote clients beside the Unix socket, or `nil` for the Unix socket alone. Both share
    /// the handler, the framing, the role checks and every limit above; `maxConnections` counts both together.
    public var tls: TLSListenerConfiguration?

    /// Creates a configuration; every argument but the socket path has the daemon's default.
    public init(
        socketPath: String = ServerConfiguration.defaultSocketPath,
        listenFD: Int32? = nil,
        socketMode: UInt32 = 0o660,
        socketGroup: String? = nil,
        idleTimeout: Duration = .seconds(60),
        maxConnections: Int = 64,
        maxFrameBytes: Int = 64 * 1024,
        methodFrameLimits: [String: Int] = [Site.UploadMedia.name: 16 * 1024 * 1024],
        vendor: String = "CommuneCast",
        product: String = "communecastd",
        version: String = "0.0.0",
        url: String = "https://communecast.invalid/",
        interfaceDescriptions: [String] = [SiteInterface.description],
        methodsRequiringMore: Set<String> = [Site.Monitor.name],
        requiredRoles: [String: Role] = Role.siteRequirements,
        methodsAnsweredFromMemory: Set<String> = Site.methodsAnsweredFromMemory,
        tls: TLSListenerConfiguration? = nil
    ) {
        self.socketPath = socketPath
        self.listenFD = listenFD
        self.socketMode = socketMode
        self.socketGroup = socketGroup
        self.idleTimeout = idleTimeout
        self.maxConnections = maxConnections
        self.maxFrameBytes = maxFrameBytes
        self.methodFrameLimits = methodFrameLimits
        self.vendor = vendor
        self.product = product
        self.version = version
        self.url = url
        self.interfaceDescriptions = interfaceDescriptions
        self.methodsRequiringMore = methodsRequiringMore
        self.requiredRoles = requiredRoles
        self.methodsAnsweredFromMemory = methodsAnsweredFromMemory
        self.tls = tls
    }
}
