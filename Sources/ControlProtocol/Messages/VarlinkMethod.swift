/// A varlink method and the Codable types of its call and reply parameters.
///
/// Conforming types are caseless enums (`Site.GetHealth`), used as `VarlinkCall(Site.Play.self, parameters)`
/// on the client and `call.decodeParameters(for: Site.Play.self)` on the server.
public protocol VarlinkMethod: Sendable {
    /// The call's `parameters`.
    associatedtype Parameters: Codable & Sendable & Hashable
    /// The reply's `parameters`.
    associatedtype Reply: Codable & Sendable & Hashable

    /// The fully qualified method name, `interface.Method`.
    static var name: String { get }

    /// Whether the site answers the method from state it keeps in memory, without blocking: the control server
    /// then lets the handler answer it on the connection's event loop, with no task hop (see `ControlHandler`).
    static var answeredFromMemory: Bool { get }
}

extension VarlinkMethod {
    /// Most methods read the database or do work, so they are answered on the handler's task.
    public static var answeredFromMemory: Bool { false }
}
