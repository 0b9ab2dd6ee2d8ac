import NIOCore
import NIOSSL
import NIOTLS

/// Lets `VarlinkClient.connect` return only once the TLS handshake is over, so a site whose certificate we refuse
/// is reported at connect, with the reason, rather than as a failed first call.
///
/// In TLS 1.3 the client finishes its handshake before the site has checked the client's certificate; a refusal
/// of our certificate therefore arrives later, as an alert, and `VarlinkClientHandler` reports it.
final class TLSHandshakeWaiter: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    private let timeout: Duration
    private var promise: EventLoopPromise<Void>?
    private var timer: Scheduled<Void>?
    private var settled = false

    /// Fails the handshake, and closes the connection, if it has not completed within `timeout`.
    init(timeout: Duration) {
        self.timeout = timeout
    }

    /// Completes when the handshake does; fails with the TLS error, `ChannelError.connectTimeout` or
    /// `ChannelError.ioOnClosedChannel`. Only read on the channel's event loop, after the handler was added.
    var completed: EventLoopFuture<Void> {
        promise!.futureResult
    }

    func handlerAdded(context: ChannelHandlerContext) {
        promise = context.eventLoop.makePromise(of: Void.self)
        let loopBound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
        timer = context.eventLoop.scheduleTask(in: TimeAmount(timeout)) {
            let (waiter, context) = loopBound.value
            waiter.finish(.failure(ChannelError.connectTimeout(TimeAmount(waiter.timeout))))
            context.close(promise: nil)
        }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        finish(.failure(ChannelError.ioOnClosedChannel))
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let event = event as? TLSUserEvent, case .handshakeCompleted = event { finish(.success(())) }
        context.fireUserInboundEventTriggered(event)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        finish(.failure(error))
        context.fireErrorCaught(error)
    }

    func channelInactive(context: ChannelHandlerContext) {
        finish(.failure(ChannelError.ioOnClosedChannel))
        context.fireChannelInactive()
    }

    private func finish(_ result: Result<Void, any Error>) {
        guard !settled, let promise else { return }
        settled = true
        timer?.cancel()
        timer = nil
        promise.completeWith(result)
    }
}
