import NIOCore
import NIOSSL
import NIOTLS

/// Sits behind `NIOSSLServerHandler` and turns the end of the handshake into one answer for the task serving the
/// connection: the verified client certificate, or why there is none. It also enforces the handshake timeout, so a
/// client that connects and stalls cannot hold a connection slot for the whole idle timeout.
///
/// Plaintext only flows once the handshake has completed, and the promise is fulfilled on the event loop before
/// that, so the serving task always knows who the peer is before it reads the first call.
final class TLSHandshakeHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    private let tls: NIOSSLServerHandler
    private let timeout: Duration
    private let outcome: TLSRefusalLinger.Outcome
    private let promise: EventLoopPromise<ClientCertificate>
    private var timer: Scheduled<Void>?
    private var finished = false

    /// Creates the handler for the connection whose TLS handler is `tls`; `promise` receives the outcome, and
    /// `outcome` learns of a failed handshake, so the close that follows lingers.
    init(
        tls: NIOSSLServerHandler, timeout: Duration, outcome: TLSRefusalLinger.Outcome,
        promise: EventLoopPromise<ClientCertificate>
    ) {
        self.tls = tls
        self.timeout = timeout
        self.outcome = outcome
        self.promise = promise
    }

    /// Starts the handshake clock when the handler joins a live connection.
    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { startTimer(context: context) }
    }

    /// Starts the handshake clock when the connection becomes active after the handler was added.
    func channelActive(context: ChannelHandlerContext) {
        startTimer(context: context)
        context.fireChannelActive()
    }

    /// Reads the verified certificate when NIOSSL reports the handshake complete.
    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let event = event as? TLSUserEvent, case .handshakeCompleted = event {
            do {
                guard let certificate = tls.peerCertificate else { throw TLSHandshakeError.noClientCertificate }
                finish(.success(try ClientCertificate(certificate)))
            } catch {
                finish(.failure(error as? TLSHandshakeError ?? .failed(reason: "\(error)")))
                context.close(promise: nil)
            }
        }
        context.fireUserInboundEventTriggered(event)
    }

    /// A handshake failure arrives here first, just before NIOSSL closes the connection.
    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if !finished { outcome.failed = true }
        finish(.failure(TLSHandshakeError.from(error)))
        context.fireErrorCaught(error)
    }

    /// A connection that closes before the handshake completed never had a verified peer.
    func channelInactive(context: ChannelHandlerContext) {
        finish(.failure(TLSHandshakeError.closedDuringHandshake))
        context.fireChannelInactive()
    }

    /// Settles the outcome if the handler leaves the pipeline first, so the promise is never left pending.
    func handlerRemoved(context: ChannelHandlerContext) {
        finish(.failure(TLSHandshakeError.closedDuringHandshake))
    }

    private func startTimer(context: ChannelHandlerContext) {
        guard timer == nil, !finished else { return }
        let loopBound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
        timer = context.eventLoop.scheduleTask(in: TimeAmount(timeout)) {
            let (handler, context) = loopBound.value
            guard !handler.finished else { return }
            handler.finish(.failure(TLSHandshakeError.timedOut(handler.timeout)))
            context.close(promise: nil)
        }
    }

    /// Settles the outcome once; later events (the close after a failure) change nothing.
    private func finish(_ result: Result<ClientCertificate, any Error>) {
        guard !finished else { return }
        finished = true
        timer?.cancel()
        timer = nil
        promise.completeWith(result)
    }
}
