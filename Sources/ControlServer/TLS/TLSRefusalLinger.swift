import NIOCore

/// Makes sure a client refused at the TLS handshake hears why.
///
/// In TLS 1.3 a client sends its certificate and, at once, its first call; if the certificate is refused, NIOSSL
/// writes the alert and closes. Closing a socket with unread bytes makes the kernel send a reset, which can reach the
/// client before it has read the alert, and the client then only learns that the connection dropped. So when the
/// handshake has failed, this handler (between the socket and NIOSSL) turns the close into a lingering close, as web
/// servers do: it shuts down the sending side (the alert is followed by a FIN), discards whatever the client still
/// sends, and closes for good when the client closes or after `linger`. The server lingers for the handshake timeout:
/// a refused client may keep its connection as long as one still shaking hands, which leaves a client slowed by a
/// loaded machine ample time to read the alert (it normally closes within milliseconds of reading it).
final class TLSRefusalLinger: ChannelDuplexHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    /// Set by `TLSHandshakeHandler` when the handshake fails; both handlers run on the connection's event loop.
    final class Outcome {
        /// Whether the handshake failed (as opposed to completing, or timing out).
        var failed = false
    }

    private let outcome: Outcome
    private let linger: TimeAmount
    private var lingering = false
    private var closePromises: [EventLoopPromise<Void>] = []
    private var timer: Scheduled<Void>?

    /// Creates the handler; `linger` bounds how long a refused client may keep the connection.
    init(outcome: Outcome, linger: TimeAmount) {
        self.outcome = outcome
        self.linger = linger
    }

    func close(context: ChannelHandlerContext, mode: CloseMode, promise: EventLoopPromise<Void>?) {
        guard mode == .all, outcome.failed, context.channel.isActive else {
            context.close(mode: mode, promise: promise)
            return
        }
        if let promise { closePromises.append(promise) }
        guard !lingering else { return }
        lingering = true
        context.close(mode: .output, promise: nil)
        let loopBound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
        timer = context.eventLoop.scheduleTask(in: linger) {
            let (handler, context) = loopBound.value
            handler.finish(context: context)
        }
    }

    /// Discards what a refused client still sends; passes everything through otherwise.
    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if !lingering { context.fireChannelRead(data) }
    }

    /// The client closed (or the connection dropped): the lingering close is over.
    func channelInactive(context: ChannelHandlerContext) {
        timer?.cancel()
        timer = nil
        let promises = closePromises
        closePromises = []
        for promise in promises { promise.succeed() }
        context.fireChannelInactive()
    }

    private func finish(context: ChannelHandlerContext) {
        timer = nil
        let promises = closePromises
        closePromises = []
        let closed = context.eventLoop.makePromise(of: Void.self)
        context.close(mode: .all, promise: closed)
        closed.futureResult.whenComplete { result in
            for promise in promises { promise.completeWith(result) }
        }
    }
}
