import NIOCore

/// Closes a connection that has neither completed a message nor had a call in progress for the idle timeout.
///
/// NIO's `IdleStateHandler` only sees bytes, so a client quietly receiving a long Monitor stream would look idle,
/// and one sending a byte now and then would not; this handler asks the shared `ConnectionState` instead. A message
/// still arriving holds the idle timer off: the framing handler's arrival bound covers it.
final class IdleTimeoutHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    private let timeout: TimeAmount
    private let connection: ConnectionState
    private let onTimeout: @Sendable () -> Void
    private var timer: Scheduled<Void>?

    /// Creates the handler; `onTimeout` is called (for logging) just before the connection is closed.
    init(timeout: Duration, connection: ConnectionState, onTimeout: @escaping @Sendable () -> Void) {
        self.timeout = TimeAmount(timeout)
        self.connection = connection
        self.onTimeout = onTimeout
    }

    /// Starts the clock as soon as the handler is in a live pipeline.
    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { schedule(context: context, at: .now() + timeout) }
    }

    /// Starts the clock when the connection becomes active after the handler was added.
    func channelActive(context: ChannelHandlerContext) {
        if timer == nil { schedule(context: context, at: .now() + timeout) }
        context.fireChannelActive()
    }

    /// Stops the clock when the connection ends.
    func channelInactive(context: ChannelHandlerContext) {
        timer?.cancel()
        timer = nil
        context.fireChannelInactive()
    }

    private func schedule(context: ChannelHandlerContext, at deadline: NIODeadline) {
        let loopBound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
        timer = context.eventLoop.scheduleTask(deadline: deadline) {
            let (handler, context) = loopBound.value
            handler.check(context: context)
        }
    }

    private func check(context: ChannelHandlerContext) {
        guard context.channel.isActive else { return }
        guard let idleSince = connection.idleSince else {
            schedule(context: context, at: .now() + timeout)
            return
        }
        let deadline = idleSince + timeout
        if deadline <= .now() {
            onTimeout()
            context.close(promise: nil)
        } else {
            schedule(context: context, at: deadline)
        }
    }
}
