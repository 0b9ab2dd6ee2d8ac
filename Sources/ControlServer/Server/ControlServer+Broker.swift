import ControlProtocol
import NIOCore
import Synchronization

extension ControlServer {
    /// Answers one call that did not come on a connection: a signed call through the call-home broker (issue 15),
    /// whose signer the daemon has verified and mapped to a role (`peer`). The call goes through the same checks as
    /// on the sockets (its method's frame limit, the interface, the parameters, `more`, the role) to the same
    /// handler, so it is audited the same way; the result is the final reply. A `more` call is refused: a broker
    /// request has one reply, and a stream would hold the site's uplink.
    public func answer(frame: [UInt8], from peer: PeerIdentity) async -> VarlinkReply {
        let method = VarlinkMethodSniffer.leadingMethod(in: frame[...])
        let limit = method.flatMap { configuration.methodFrameLimits[$0] } ?? configuration.maxFrameBytes
        guard frame.count <= limit else {
            return VarlinkReply(error: VarlinkError.invalidParameter("frame of \(frame.count) bytes over \(limit)"))
        }
        switch router.route(frame: frame, from: peer) {
        case .reply(let reply, _), .replyAndClose(let reply, _):
            return reply
        case .close(let reason):
            return VarlinkReply(error: VarlinkError.invalidParameter("not a varlink call: \(reason)"))
        case .deny(let call, _, _):
            await handler.refused(call, from: peer)
            return VarlinkReply(error: VarlinkError.permissionDenied)
        case .dispatch(let call):
            if call.more { return VarlinkReply(error: VarlinkError.invalidParameter("more")) }
            let collected = Mutex<[UInt8]?>(nil)
            let replies = ReplyWriter(call: call, connection: ConnectionState()) { frame, endsCall in
                if endsCall { collected.withLock { $0 = Array(frame.readableBytesView) } }
            }
            await handler.handle(call, from: peer, replies: replies)
            guard let bytes = collected.withLock({ $0 }), let reply = try? VarlinkReply(decoding: Self.unframed(bytes))
            else { return VarlinkReply(error: VarlinkError.methodNotImplemented(call.method)) }
            return reply
        }
    }

    /// A frame without its terminating NUL.
    private static func unframed(_ frame: [UInt8]) -> [UInt8] {
        frame.last == 0 ? Array(frame.dropLast()) : frame
    }
}
