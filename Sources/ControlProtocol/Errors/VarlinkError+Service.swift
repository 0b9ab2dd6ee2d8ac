extension VarlinkError {
    /// The interface every varlink service implements, which declares the protocol-level errors.
    public static let serviceInterface = "org.varlink.service"

    /// The call names an interface this service does not provide.
    public static func interfaceNotFound(_ interface: String) -> VarlinkError {
        VarlinkError(name: "org.varlink.service.InterfaceNotFound", parameters: ["interface": .string(interface)])
    }

    /// The interface exists but has no such method.
    public static func methodNotFound(_ method: String) -> VarlinkError {
        VarlinkError(name: "org.varlink.service.MethodNotFound", parameters: ["method": .string(method)])
    }

    /// The interface declares the method but this service does not implement it.
    public static func methodNotImplemented(_ method: String) -> VarlinkError {
        VarlinkError(name: "org.varlink.service.MethodNotImplemented", parameters: ["method": .string(method)])
    }

    /// A parameter is missing, unknown or of the wrong type.
    public static func invalidParameter(_ parameter: String) -> VarlinkError {
        VarlinkError(name: "org.varlink.service.InvalidParameter", parameters: ["parameter": .string(parameter)])
    }

    /// The caller's role does not allow this call.
    public static let permissionDenied = VarlinkError(name: "org.varlink.service.PermissionDenied")

    /// The method streams its replies and must be called with `more` set.
    public static let expectedMore = VarlinkError(name: "org.varlink.service.ExpectedMore")
}
