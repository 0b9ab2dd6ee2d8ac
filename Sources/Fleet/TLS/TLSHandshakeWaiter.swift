import NIOCore
import NIOSSL
import NIOTLS

/// Lets `VarlinkClient.connect` return only once the TLS handshake is over, so a site whose certificate we refuse
/// is reported at connect, with the reason, rather than as a failed first call.
///
/// The outcome is a promise the connecting task holds from before the connection exists: looking the handler up in
/// the pipeline afterwards would race with NIOSSL, which closes the connection (and so empties the pipeline) as soon
/// as the handshake fails. A failure is settled only once the connection has closed (at the end of the event loop's
/// turn that closed it, so what NIO reports while closing still counts), with the most telling of the reports
/// recorded meanwhile in the shared ``ConnectionFailure``: the TLS error, a reset, the end of the stream, the handshake
/// timeout and the close arrive in an order that depends on timing, and the reason must not.
///
/// In TLS 1.3 the client finishes its handshake before the site has checked the client's certificate; a refusal
/// of our certificate therefore arrives later, as an alert, and `VarlinkClientHandler` reports it.
final class TLSHandshakeWaiter: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    private let address: SiteAddress
    private let timeout: Duration
    private let failure: ConnectionFailure
    private let outcome: EventLoopPromise<Void>
    private var timer: Scheduled<Void>?
    private var settled = false

    /// Waits for the handshake with `address`, for at most `timeout`; `outcome` succeeds when the handshake completes
    /// and fails with a `ClientError` once a connection whose handshake did not complete has closed.
    init(address: SiteAddress, timeout: Duration, failure: ConnectionFailure, outcome: EventLoopPromise<Void>) {
        self.address = address
        self.timeout = timeout
        self.failure = failure
        self.outcome = outcome
    }

    /// Starts the handshake clock.
    func handlerAdded(context: ChannelHandlerContext) {
        guard !settled else { return }
        let loopBound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
        timer = context.eventLoop.scheduleTask(in: TimeAmount(timeout)) {
            let (waiter, context) = loopBound.value
            guard !waiter.settled else { return }
            waiter.failure.record(.timedOut(waiter.address, after: waiter.timeout))
            context.close(promise: nil)
        }
    }

    /// Settles the outcome if the handler leaves the pipeline before the connection reported its close.
    func handlerRemoved(context: ChannelHandlerContext) {
        settleClosed()
    }

    /// Succeeds the outcome when NIOSSL reports the handshake complete.
    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let event = event as? TLSUserEvent, case .handshakeCompleted = event { settle(.success(())) }
        context.fireUserInboundEventTriggered(event)
    }

    /// Records an error raised before the handshake completed, and closes: the outcome is settled at the close.
    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if !settled {
            failure.record(FailureAccount(error, address: address, timeout: timeout))
            context.close(promise: nil)
        }
        context.fireErrorCaught(error)
    }

    /// A connection that closes before its handshake completed fails with the most telling report recorded by the
    /// end of this turn of the event loop.
    func channelInactive(context: ChannelHandlerContext) {
        if !settled {
            let loopBound = NIOLoopBound(self, eventLoop: context.eventLoop)
            context.eventLoop.execute { loopBound.value.settleClosed() }
        }
        context.fireChannelInactive()
    }

    private func settleClosed() {
        guard !settled else { return }
        settle(.failure(failure.record(.closed(address))))
    }

    private func settle(_ result: Result<Void, ClientError>) {
        guard !settled else { return }
        settled = true
        timer?.cancel()
        timer = nil
        outcome.completeWith(result.mapError { $0 })
    }
}
