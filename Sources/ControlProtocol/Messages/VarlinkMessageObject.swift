/// Parses a message into its top-level members and checks their kinds, for `VarlinkCall` and `VarlinkReply`.
enum VarlinkMessageObject {
    /// The members of the message, or the protocol error that says why it is not a JSON object.
    static func members(of bytes: some Collection<UInt8>) throws(VarlinkProtocolError) -> [String: JSONValue] {
        let value: JSONValue
        do {
            value = try JSONParser().parse(bytes)
        } catch .invalidUTF8(let offset) {
            throw .invalidUTF8(offset: offset)
        } catch {
            throw .invalidJSON(error)
        }
        guard case .object(let members) = value else { throw .notAnObject(kind: value.kindName) }
        return members
    }

    /// A boolean flag such as `more`; absent and `null` both mean false.
    static func flag(_ name: String, in members: [String: JSONValue]) throws(VarlinkProtocolError) -> Bool {
        switch members[name] {
        case nil, .null?: false
        case .bool(let flag)?: flag
        case let other?: throw .invalidMember(name: name, kind: other.kindName)
        }
    }
}
