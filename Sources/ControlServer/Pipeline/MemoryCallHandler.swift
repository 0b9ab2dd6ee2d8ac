import ControlProtocol
import Logging
import NIOCore

/// Answers, right on the connection's event loop, the calls the handler can answer from memory (`GetHealth`), and
/// passes every other message on to the task serving the connection.
///
/// A call is answered here only when all of these hold, so nothing about it differs from the ordinary path but the
/// cost:
/// - the task has identified the peer (`OutboundMessage.identified`);
/// - no earlier message of the connection is still with the task (each one passed on has come back as its final
///   reply or as `OutboundMessage.callDone`), so a reply here cannot overtake the reply to an earlier call;
/// - the socket is writable, so a client that does not read gets the task's back-pressure instead;
/// - the method is one of `methods`, the router dispatches the call to the handler (interface, parameters and role
///   checked exactly as on the ordinary path), and the handler returns an answer.
/// Anything else, refusals included, goes to the task, which routes, logs and audits it as before.
final class MemoryCallHandler: ChannelDuplexHandler {
    typealias InboundIn = [UInt8]
    typealias InboundOut = [UInt8]
    typealias OutboundIn = OutboundMessage
    typealias OutboundOut = ByteBuffer

    private let router: CallRouter
    private let handler: any ControlHandler
    private let methods: Set<String>
    private let connection: ConnectionState
    private var peer: ConnectionPeer?
    private var logger: Logger?
    /// Messages passed on to the task and not yet reported done; the connection's state counts them too, so the
    /// idle timer does not blame the client for the time they wait for the task.
    private var passedOn = 0
    /// Whether replies were written since the last flush.
    private var unflushed = false
    /// Whether a message was passed on since the last read completed; if none was, the task has nothing new and
    /// the end of the read is not passed on either.
    private var passedOnInRead = false
    /// The last call answered here, with the message it came in and the role it was routed for: a poller sends the
    /// same bytes every time, and the router decides the same for the same message and role, so an identical
    /// message is not decoded and routed again.
    private var lastCall: (frame: [UInt8], role: Role?, call: VarlinkCall)?

    /// Creates the handler for one connection.
    init(router: CallRouter, handler: any ControlHandler, methods: Set<String>, connection: ConnectionState) {
        self.router = router
        self.handler = handler
        self.methods = methods
        self.connection = connection
    }

    /// Answers the message here when it may, else passes it on.
    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let frame = unwrapInboundIn(data)
        if passedOn == 0, context.channel.isWritable, let answer = answer(frame) {
            if let reply = answer {
                context.write(wrapOutboundOut(reply.frame), promise: nil)
                unflushed = true
            }
            return
        }
        passedOn += 1
        connection.messagePassedOn()
        passedOnInRead = true
        context.fireChannelRead(data)
    }

    /// Flushes the replies written for the messages of one read, together.
    func channelReadComplete(context: ChannelHandlerContext) {
        if unflushed {
            unflushed = false
            context.flush()
        }
        if passedOnInRead {
            passedOnInRead = false
            context.fireChannelReadComplete()
        }
    }

    /// Passes replies on to the socket and takes note of the task's markers.
    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        switch unwrapOutboundIn(data) {
        case .reply(let frame, let endsCall):
            if endsCall { answered() }
            context.write(wrapOutboundOut(frame), promise: promise)
        case .callDone:
            answered()
            promise?.succeed(())
        case .identified(let peer, let logger):
            self.peer = peer
            self.logger = logger
            promise?.succeed(())
        }
    }

    private func answered() {
        passedOn -= 1
        connection.messageAnswered()
    }

    /// The answer to `frame` if it is a call answered from memory: `.some(nil)` for a `oneway` call (answered, but
    /// nothing to send), `.some(reply)` otherwise; `nil` when the task must handle it.
    private func answer(_ frame: [UInt8]) -> PreparedReply?? {
        peer?.refresh()
        guard let identity = peer?.identity else { return nil }
        let role = identity.role
        let call: VarlinkCall
        if let last = lastCall, last.role == role, last.frame == frame {
            call = last.call
        } else {
            guard let method = VarlinkMethodSniffer.leadingMethod(in: frame[...]), methods.contains(method),
                  case .dispatch(let routed) = router.route(frame: frame, from: identity) else { return nil }
            call = routed
            lastCall = (frame, role, call)
        }
        guard let reply = handler.answerFromMemory(call, from: identity) else { return nil }
        logger?.debug("call", metadata: ["method": "\(call.method)", "answered": "from memory"])
        return .some(call.oneway ? nil : reply)
    }
}
