import ControlProtocol
import Logging
import NIOCore

extension UnixConnection {
    /// Acts on one message as the NIO path's serving task does; returns whether the connection stays open.
    func act(on frame: [UInt8], _ session: inout Session) -> Bool {
        if let answer = answerFromMemory(frame, &session) {
            if let reply = answer { session.pending.append(reply.frame) }
            return true
        }
        guard flush(&session) else { return false }
        let logger = session.logger
        let peer = session.identity
        switch server.router.route(frame: frame, from: peer) {
        case .reply(let reply, let oneway):
            if let error = reply.error { logger.debug("refused call", metadata: ["error": "\(error)"]) }
            return oneway || write(Self.encode(reply))
        case .replyAndClose(let reply, let reason):
            logger.notice("refused control connection", metadata: ["reason": "\(reason)"])
            _ = write(Self.encode(reply))
            return false
        case .deny(let call, let closeConnection, let reason):
            logger.notice("permission denied", metadata: ["peer": "\(peer)", "reason": "\(reason)"])
            let handler = server.handler
            guard runInTask(call, { _ in await handler.refused(call, from: peer) }) else {
                return false
            }
            if !call.oneway || closeConnection {
                guard write(Self.encode(VarlinkReply(error: .permissionDenied))) else { return false }
            }
            return !closeConnection
        case .close(let reason):
            logger.notice("closing control connection: not a varlink call", metadata: ["reason": "\(reason)"])
            return false
        case .dispatch(let call):
            logger.debug("call", metadata: ["method": "\(call.method)", "more": "\(call.more)"])
            let handler = server.handler
            return runInTask(call) { replies in
                await handler.handle(call, from: peer, replies: replies)
                if !replies.isFinished, !call.oneway, replies.isClientConnected {
                    logger.warning("handler sent no final reply", metadata: ["method": "\(call.method)"])
                    await replies.fail(.methodNotImplemented(call.method))
                }
            }
        }
    }

    /// The answer to `frame` if it is a call answered from memory: `.some(nil)` for a `oneway` call (answered, but
    /// nothing to send), `.some(reply)` otherwise; `nil` when it takes the ordinary path. The checks are those of
    /// `MemoryCallHandler`: the method is declared, the router dispatches the call, the handler has an answer.
    private func answerFromMemory(_ frame: [UInt8], _ session: inout Session) -> PreparedReply?? {
        let call: VarlinkCall
        if let last = session.lastCall, last.frame == frame {
            call = last.call
        } else {
            guard let method = VarlinkMethodSniffer.leadingMethod(in: frame[...]),
                  server.configuration.methodsAnsweredFromMemory.contains(method),
                  case .dispatch(let routed) = server.router.route(frame: frame, from: session.identity) else {
                return nil
            }
            call = routed
            session.lastCall = (frame, call)
        }
        guard let reply = server.handler.answerFromMemory(call, from: session.identity) else { return nil }
        session.logger.debug("call", metadata: ["method": "\(call.method)", "answered": "from memory"])
        return .some(call.oneway ? nil : reply)
    }

    /// Runs `work` as the connection's call in progress, in a task, writing what it sends until it ends; returns
    /// whether the client is still there. A client that leaves cancels the task; so does the server stopping (as
    /// on the NIO path, so a stream or a long wait cannot hold the daemon up), but whatever the handler still
    /// sends, such as a stream's final reply, is written.
    private func runInTask(_ call: VarlinkCall, _ work: @escaping @Sendable (ReplyWriter) async -> Void) -> Bool {
        let mailbox = mailbox
        let state = state
        let replies = ReplyWriter(call: call, connection: state) { frame, _ in
            guard await mailbox.deliver(frame) else { throw ChannelError.ioOnClosedChannel }
        }
        let task = Task {
            await state.runCall { await work(replies) }
            mailbox.endCall()
        }
        var clientGone = false
        var cancelledForStop = false
        while true {
            mailbox.drain()
            let (deliveries, callEnded) = mailbox.take()
            for delivery in deliveries {
                let written = !clientGone && write(delivery.frame)
                if !written, !clientGone {
                    clientGone = true
                    state.markClosed()
                }
                delivery.written.resume(returning: written)
            }
            if callEnded { return !clientGone }
            let stopping = stopping.load(ordering: .sequentiallyConsistent)
            if stopping, !cancelledForStop {
                cancelledForStop = true
                task.cancel()
            }
            if waitForNews(watchingClient: !clientGone) {
                clientGone = true
                state.markClosed()
            }
        }
    }

    private static func encode(_ reply: VarlinkReply) -> ByteBuffer {
        ByteBuffer(bytes: VarlinkFrameEncoder.frame(reply))
    }
}
