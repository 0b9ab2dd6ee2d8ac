extension VarlinkInterface {
    /// Checks a call against this interface, returning the error to reply with, or `nil` if it is acceptable.
    ///
    /// - Returns: `InterfaceNotFound` for another interface, `MethodNotFound` for an undeclared method, and
    ///   `InvalidParameter` naming the first parameter that is missing, unknown or of the wrong JSON kind.
    ///   Nested faults are named by path, as `health.device.state` or `queue[2].level`.
    public func validate(call: VarlinkCall) -> VarlinkError? {
        guard let parts = VarlinkMethodName.split(call.method), parts.interface == name else {
            return .interfaceNotFound(call.interface)
        }
        guard let method = method(named: parts.member) else { return .methodNotFound(call.method) }
        return invalidPath(of: call.parameters, fields: method.input, path: "").map(VarlinkError.invalidParameter)
    }

    /// Checks a successful reply's parameters against the method's declared output, in the same way as calls.
    ///
    /// The server does not need this on every reply; tests use it to prove our Codable types match the IDL.
    public func validate(replyParameters parameters: [String: JSONValue], method methodName: String) -> VarlinkError? {
        guard let method = method(named: methodName) else { return .methodNotFound(name + "." + methodName) }
        return invalidPath(of: parameters, fields: method.output, path: "").map(VarlinkError.invalidParameter)
    }

    /// Checks an error reply against the error's declaration; an error this interface does not declare
    /// is reported as `InvalidParameter {parameter: "error"}`.
    public func validate(error: VarlinkError) -> VarlinkError? {
        guard error.interface == name, let declaration = self.error(named: error.shortName) else {
            return .invalidParameter("error")
        }
        let invalid = invalidPath(of: error.parameters, fields: declaration.fields, path: "")
        return invalid.map(VarlinkError.invalidParameter)
    }

    private func invalidPath(of members: [String: JSONValue], fields: [VarlinkField], path: String) -> String? {
        let prefix = path.isEmpty ? "" : path + "."
        for key in members.keys.sorted() where !fields.contains(where: { $0.name == key }) {
            return prefix + key
        }
        for field in fields {
            let value = members[field.name] ?? .null
            if let invalid = invalidPath(of: value, type: field.type, path: prefix + field.name) {
                return invalid
            }
        }
        return nil
    }

    private func invalidPath(of value: JSONValue, type: VarlinkType, path: String) -> String? {
        switch (type, value) {
        case (.optional, .null):
            return nil
        case (.optional(let wrapped), _):
            return invalidPath(of: value, type: wrapped, path: path)
        case (.bool, .bool), (.int, .integer), (.float, .integer), (.float, .number), (.string, .string),
            (.object, .object):
            return nil
        case (.enumeration(let cases), .string(let text)):
            return cases.contains(text) ? nil : path
        case (.named(let typeName), _):
            guard let declared = self.type(named: typeName) else { return path }
            return invalidPath(of: value, type: declared, path: path)
        case (.structure(let fields), .object(let members)):
            return invalidPath(of: members, fields: fields, path: path)
        case (.array(let element), .array(let elements)):
            for (index, item) in elements.enumerated() {
                if let invalid = invalidPath(of: item, type: element, path: "\(path)[\(index)]") { return invalid }
            }
            return nil
        case (.map(let element), .object(let members)):
            for key in members.keys.sorted() {
                if let invalid = invalidPath(of: members[key] ?? .null, type: element, path: "\(path)[\(key)]") {
                    return invalid
                }
            }
            return nil
        default:
            return path
        }
    }
}
