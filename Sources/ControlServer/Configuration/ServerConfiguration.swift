import ControlProtocol

/// Everything the control server needs to know: the daemon's defaults for the limits (DESIGN §5), and nothing about
/// the interfaces it serves, which the daemon hands it (their descriptions, roles, streaming methods, frame limits
/// and fast path).
///
/// The daemon builds this from `communecastd.yaml`; tests shrink the limits and timeouts to exercise them.
public struct ServerConfiguration: Sendable {
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
    /// How long a connection may stay silent, with no call in progress and no message arriving, before the server
    /// closes it.
    public var idleTimeout: Duration
    /// How many connections may be open at once on the Unix socket; more are closed as soon as they are accepted.
    /// TLS clients have budgets of their own, so nothing that reaches the TCP port can use these up.
    public var maxConnections: Int
    /// How many TLS clients may be connected at once once through the handshake; a client that completes its
    /// handshake beyond this is closed.
    public var maxTLSClients: Int
    /// How many TLS connections may be open at once that are not yet through the handshake (or were refused in it
    /// and are being closed). When they are all taken, the oldest is closed to make room for a newcomer, so
    /// connections that never finish their handshake cannot keep a client that does from connecting.
    public var maxTLSHandshakes: Int
    /// How many of `maxTLSHandshakes` one remote address may hold; a further connection from it is closed at once.
    public var maxTLSHandshakesPerAddress: Int
    /// How long a message may take to arrive whole, from its first byte, for any method not in
    /// `methodMessageTimeouts`; a connection whose message takes longer is closed.
    public var messageTimeout: Duration
    /// Longer arrival bounds for methods whose messages may be large, keyed by fully qualified method name.
    public var methodMessageTimeouts: [String: Duration]
    /// Connections refused for want of a budget are logged once as they start, then as one summary line per
    /// interval with their count, however many there are.
    public var refusalLogInterval: Duration
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
    /// the handler, the framing, the role checks and the limits above; each has its own connection budget.
    public var tls: TLSListenerConfiguration?

    /// Creates a configuration; the limits have the daemon's defaults, and no interface is served but
    /// `org.varlink.service` until the caller adds one.
    public init(
        socketPath: String,
        listenFD: Int32? = nil,
        socketMode: UInt32 = 0o660,
        socketGroup: String? = nil,
        idleTimeout: Duration = .seconds(60),
        maxConnections: Int = 64,
        maxTLSClients: Int = 64,
        maxTLSHandshakes: Int = 32,
        maxTLSHandshakesPerAddress: Int = 8,
        messageTimeout: Duration = .seconds(30),
        methodMessageTimeouts: [String: Duration] = [:],
        refusalLogInterval: Duration = .seconds(60),
        maxFrameBytes: Int = 64 * 1024,
        methodFrameLimits: [String: Int] = [:],
        vendor: String = "CommuneCast",
        product: String = "communecastd",
        version: String = "0.0.0",
        url: String = "https://communecast.invalid/",
        interfaceDescriptions: [String] = [],
        methodsRequiringMore: Set<String> = [],
        requiredRoles: [String: Role] = [:],
        methodsAnsweredFromMemory: Set<String> = [],
        tls: TLSListenerConfiguration? = nil
    ) {
        self.socketPath = socketPath
        self.listenFD = listenFD
        self.socketMode = socketMode
        self.socketGroup = socketGroup
        self.idleTimeout = idleTimeout
        self.maxConnections = maxConnections
        self.maxTLSClients = maxTLSClients
        self.maxTLSHandshakes = maxTLSHandshakes
        self.maxTLSHandshakesPerAddress = maxTLSHandshakesPerAddress
        self.messageTimeout = messageTimeout
        self.methodMessageTimeouts = methodMessageTimeouts
        self.refusalLogInterval = refusalLogInterval
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
