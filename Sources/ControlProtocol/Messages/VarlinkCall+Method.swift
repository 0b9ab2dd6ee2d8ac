extension VarlinkCall {
    /// Creates a call of a typed method.
    public init<Method: VarlinkMethod>(
        _ method: Method.Type,
        _ parameters: Method.Parameters,
        more: Bool = false,
        oneway: Bool = false
    ) throws(EncodingError) {
        let members = try JSONValue(encoding: parameters).objectValue ?? [:]
        self.init(method: method.name, parameters: members, more: more, oneway: oneway)
    }

    /// Decodes the parameters of a call to a typed method; failures are the `InvalidParameter` to reply with.
    public func decodeParameters<Method: VarlinkMethod>(
        for method: Method.Type
    ) throws(VarlinkError) -> Method.Parameters {
        try decodeParameters(as: Method.Parameters.self)
    }
}
