extension VarlinkReply {
    /// Creates a successful reply of a typed method; set `continues` on every reply of a `more` call but the last.
    public init<Method: VarlinkMethod>(
        _ method: Method.Type,
        _ reply: Method.Reply,
        continues: Bool = false
    ) throws(EncodingError) {
        self.init(parameters: try JSONValue(encoding: reply).objectValue ?? [:], continues: continues)
    }

    /// Decodes the reply of a typed method: throws the reply's `VarlinkError` if it carries one.
    public func decodeParameters<Method: VarlinkMethod>(
        for method: Method.Type
    ) throws(VarlinkReplyError) -> Method.Reply {
        if let varlinkError { throw .error(varlinkError) }
        do {
            return try decodeParameters(as: Method.Reply.self)
        } catch {
            throw .malformed(method: method.name, error)
        }
    }
}
