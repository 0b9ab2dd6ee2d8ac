import ControlProtocol

/// Decides, without any I/O, what the server does with one received message: answer it itself, hand it to the
/// handler, or close the connection.
///
/// Keeping the decisions here, apart from the sockets, means every refusal (garbage, unknown interface,
/// missing `more`, insufficient role) is one pure function of the message, the peer and the configuration.
struct CallRouter: Sendable {
    /// What to do with one message.
    enum Decision: Sendable, Equatable {
        /// Send this reply, unless the call was `oneway`, and carry on.
        case reply(VarlinkReply, oneway: Bool)
        /// Send this reply, then close the connection.
        case replyAndClose(VarlinkReply, reason: String)
        /// Close the connection without a reply; `reason` is for the log.
        case close(reason: String)
        /// Refuse the call for lack of role: the handler is told (for its audit log), then `PermissionDenied` is
        /// sent, and the connection is closed if the peer has no role at all.
        case deny(VarlinkCall, closeConnection: Bool, reason: String)
        /// Pass the call to the handler.
        case dispatch(VarlinkCall)
    }

    private let configuration: ServerConfiguration
    private let interfaces: [String: (description: String, parsed: VarlinkInterface)]
    private let service: VarlinkInterface

    /// Parses the served interface descriptions; a description that does not parse is a programming error.
    init(configuration: ServerConfiguration) throws(VarlinkInterfaceError) {
        self.configuration = configuration
        var interfaces: [String: (description: String, parsed: VarlinkInterface)] = [:]
        for description in configuration.interfaceDescriptions {
            let parsed = try VarlinkInterface.parse(description)
            interfaces[parsed.name] = (description, parsed)
        }
        self.interfaces = interfaces
        service = try VarlinkInterface.parse(ServiceInterface.description)
    }

    /// The names of the interfaces served, `org.varlink.service` first, as `GetInfo` lists them.
    var interfaceNames: [String] {
        [ServiceInterface.name] + configuration.interfaceDescriptions.compactMap { description in
            interfaces.first { $0.value.description == description }?.key
        }
    }

    /// Decides what to do with `frame`, a message without its NUL, received from `peer`.
    func route(frame: [UInt8], from peer: PeerIdentity) -> Decision {
        let call: VarlinkCall
        do {
            call = try VarlinkCall(decoding: frame)
        } catch {
            switch error.disposition {
            case .closeConnection: return .close(reason: error.description)
            case .reply(let varlinkError): return .reply(VarlinkReply(error: varlinkError), oneway: false)
            }
        }
        guard let role = peer.role else {
            let reason = switch peer.transport {
            case .unix: "\(peer) belongs to none of the CommuneCast groups"
            case .tls: "\(peer) is not in the TLS client ACL"
            case .broker: "\(peer) is not in the ACL"
            }
            return .deny(call, closeConnection: true, reason: reason)
        }
        let interfaceName = call.interface
        if interfaceName == ServiceInterface.name {
            return .reply(serviceReply(to: call), oneway: call.oneway)
        }
        guard let interface = interfaces[interfaceName]?.parsed else {
            return refuse(call, .interfaceNotFound(interfaceName))
        }
        if let error = interface.validate(call: call) { return refuse(call, error) }
        if configuration.methodsRequiringMore.contains(call.method), !call.more {
            return refuse(call, .expectedMore)
        }
        let required = configuration.requiredRoles[call.method, default: .admin]
        if role < required {
            return .deny(call, closeConnection: false, reason: "\(call.method) needs the \(required.rawValue) role")
        }
        return .dispatch(call)
    }

    private func refuse(_ call: VarlinkCall, _ error: VarlinkError) -> Decision {
        .reply(VarlinkReply(error: error), oneway: call.oneway)
    }

    /// The server's own answers to `org.varlink.service`.
    private func serviceReply(to call: VarlinkCall) -> VarlinkReply {
        if let error = service.validate(call: call) { return VarlinkReply(error: error) }
        switch call.memberName {
        case "GetInfo":
            return VarlinkReply(parameters: [
                "vendor": .string(configuration.vendor),
                "product": .string(configuration.product),
                "version": .string(configuration.version),
                "url": .string(configuration.url),
                "interfaces": .array(interfaceNames.map(JSONValue.string)),
            ])
        default:
            guard case .string(let name)? = call.parameters["interface"] else {
                return VarlinkReply(error: .invalidParameter("interface"))
            }
            let description = name == ServiceInterface.name
                ? ServiceInterface.description : interfaces[name]?.description
            guard let description else { return VarlinkReply(error: .interfaceNotFound(name)) }
            return VarlinkReply(parameters: ["description": .string(description)])
        }
    }
}
