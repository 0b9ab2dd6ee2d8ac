/// A varlink error reply as it travels on the wire: a fully qualified error name and its parameters.
///
/// Handlers throw these to answer a call with an error; clients receive them from `VarlinkReply.error`.
/// The standard `org.varlink.service` errors and our `io.communecast.Site` errors are built by the static
/// functions in `VarlinkError+Service.swift` and `VarlinkError+Site.swift`.
public struct VarlinkError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The fully qualified error name, such as `io.communecast.Site.NotFound`.
    public var name: String
    /// The error's fields, as declared by its `error` line in the interface description.
    public var parameters: [String: JSONValue]

    /// Creates an error from its wire form.
    public init(name: String, parameters: [String: JSONValue] = [:]) {
        self.name = name
        self.parameters = parameters
    }

    /// The interface that declares the error: everything before the last dot of `name`.
    public var interface: String {
        VarlinkMethodName.split(name)?.interface ?? ""
    }

    /// The error's own name without its interface, such as `NotFound`.
    public var shortName: String {
        VarlinkMethodName.split(name)?.member ?? name
    }

    /// The name followed by the parameters in compact JSON, for logs and CLI messages.
    public var description: String {
        var text = Array(name.utf8)
        if !parameters.isEmpty {
            text.append(UInt8(ascii: " "))
            JSONWriter.writeObject(parameters, to: &text)
        }
        return String(decoding: text, as: UTF8.self)
    }
}
