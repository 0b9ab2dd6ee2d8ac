import ControlProtocol
import NIOCore

/// The client side of one connection, on its event loop: writes calls in order, splits the reply stream with
/// `VarlinkFrameDecoder`, and gives each reply to the oldest call still waiting (varlink answers in order).
///
/// When the connection fails, each error the handler sees (a TLS alert from the site, a reply that breaks the
/// protocol, a reset) is recorded in the shared ``ConnectionFailure`` and the connection is closed; the calls still
/// waiting, and any written meanwhile, fail only once the connection has closed (at the end of the event loop's turn
/// that closed it, so what NIO reports while closing still counts), all with the failure that stands then. So a call
/// learns that the site refused our certificate even when a reset or the close was reported before the alert.
final class VarlinkClientHandler: ChannelDuplexHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundIn = PendingCall
    typealias OutboundOut = ByteBuffer

    private let address: SiteAddress
    private let timeout: Duration
    private var decoder: VarlinkFrameDecoder
    private var waiting = CircularBuffer<PendingCall>()
    private var heldWrites: [EventLoopPromise<Void>] = []
    private let failure: ConnectionFailure
    private var closing = false
    private var finalError: ClientError?

    /// Creates the handler for the connection to `address`, made with `timeout`; replies larger than `maxReplyBytes`
    /// are a protocol violation, and the connection's failure is recorded in `failure`.
    init(address: SiteAddress, timeout: Duration, maxReplyBytes: Int, failure: ConnectionFailure) {
        self.address = address
        self.timeout = timeout
        self.failure = failure
        decoder = VarlinkFrameDecoder(maxFrameBytes: maxReplyBytes)
    }

    /// Queues the call for its replies and sends it; on a failing connection the call waits for the close, and on a
    /// closed one it fails at once.
    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let call = unwrapOutboundIn(data)
        if let finalError {
            call.fail(finalError)
            promise?.fail(finalError)
            return
        }
        if closing {
            waiting.append(call)
            if let promise { heldWrites.append(promise) }
            return
        }
        if call.expectsReply { waiting.append(call) }
        context.writeAndFlush(wrapOutboundOut(ByteBuffer(bytes: call.frame)), promise: promise)
    }

    /// Decodes every complete reply and delivers it.
    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !closing else { return }
        decoder.append(unwrapInboundIn(data).readableBytesView)
        do {
            while let frame = try decoder.nextFrame() {
                let reply = try VarlinkReply(decoding: frame)
                guard let call = waiting.first else {
                    throw ClientError.protocolViolation(address, reason: "a reply arrived for no call")
                }
                if !reply.continues { waiting.removeFirst() }
                call.receive?(reply)
            }
        } catch let error as ClientError {
            fail(error, context: context)
        } catch {
            fail(ClientError.protocolViolation(address, reason: "\(error)"), context: context)
        }
    }

    /// Records the transport's error and closes: a TLS alert after the handshake means the site refused our
    /// certificate (in TLS 1.3 it says so only then), a reset that the daemon went away.
    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        fail(error, context: context)
    }

    /// Fails every waiting call, at the end of this turn of the event loop, with the failure that stands then.
    func channelInactive(context: ChannelHandlerContext) {
        closing = true
        let loopBound = NIOLoopBound(self, eventLoop: context.eventLoop)
        context.eventLoop.execute { loopBound.value.finish() }
        context.fireChannelInactive()
    }

    /// Fails what still waits if the handler leaves the pipeline before the close was reported.
    func handlerRemoved(context: ChannelHandlerContext) {
        finish()
    }

    private func fail(_ error: any Error, context: ChannelHandlerContext) {
        guard finalError == nil else { return }
        failure.record(FailureAccount(error, address: address, timeout: timeout))
        closing = true
        context.close(promise: nil)
    }

    private func finish() {
        guard finalError == nil else { return }
        let error = failure.seal(with: .closed(address))
        finalError = error
        closing = true
        while let call = waiting.popFirst() { call.fail(error) }
        let writes = heldWrites
        heldWrites = []
        for promise in writes { promise.fail(error) }
    }
}
