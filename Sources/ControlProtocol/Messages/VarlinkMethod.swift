/// A varlink method: the Codable types of its call and reply, and the one place that says who may call it, whether
/// it changes the site, whether it streams and how large its messages may be.
///
/// Conforming types are caseless enums (`Site.GetHealth`), used as `VarlinkCall(Site.Play.self, parameters)`
/// on the client and `call.decodeParameters(for: Site.Play.self)` on the server. The server's role check, the
/// handler's audit log, the CLI's refusal text and the protocol document's test all read these declarations
/// (through `Site.methods`), so a new method states its role and whether it is audited once, or does not compile.
public protocol VarlinkMethod: Sendable {
    /// The call's `parameters`.
    associatedtype Parameters: Codable & Sendable & Hashable
    /// The reply's `parameters`.
    associatedtype Reply: Codable & Sendable & Hashable

    /// The fully qualified method name, `interface.Method`.
    static var name: String { get }

    /// The least role that may call the method at all (DESIGN §5); the control server refuses a caller below it
    /// before the handler sees the call.
    static var leastRole: Role { get }

    /// Whether a call changes the site (media, alerts, schedules, playout, volume): every such call is written to
    /// the audit log with its result, whatever the result.
    static var changesState: Bool { get }

    /// Whether the method streams its replies and so must be called with `more`.
    static var streams: Bool { get }

    /// The largest message, in bytes without its NUL, the method accepts, or `nil` for the server's general limit.
    static var frameLimit: Int? { get }

    /// Whether the site answers the method from state it keeps in memory, without blocking: the control server
    /// then lets the handler answer it on the connection's event loop, with no task hop (see `ControlHandler`).
    static var answeredFromMemory: Bool { get }

    /// The role this particular call needs, never below `leastRole`: the rule for methods whose arguments raise
    /// the bar (an emergency alert needs the provincial role where a priority one needs the operator's).
    static func requiredRole(for parameters: Parameters) -> Role
}

extension VarlinkMethod {
    /// Most methods answer once.
    public static var streams: Bool { false }

    /// Most methods carry small messages.
    public static var frameLimit: Int? { nil }

    /// Most methods read the database or do work, so they are answered on the handler's task.
    public static var answeredFromMemory: Bool { false }

    /// Most methods need the same role whatever their arguments.
    public static func requiredRole(for parameters: Parameters) -> Role { leastRole }
}
