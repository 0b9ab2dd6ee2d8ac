import ControlProtocol
import NIOCore

/// Splits the bytes of one connection into varlink messages with the pure `VarlinkFrameDecoder`, on the event
/// loop, so the task serving the connection receives whole messages with NIO's back-pressure intact, and bounds the
/// time a message may take to arrive.
///
/// A framing fault (a message over its limit, an empty message) is passed on as an error and the connection is
/// closed: the stream can no longer be trusted to be in step with message boundaries.
///
/// A message must arrive whole within its bound (`MessageArrival`), counted from its first byte, so a client that
/// sends a byte now and then cannot hold its connection for ever (the idle timer waits while a message arrives).
/// The bound does not run while a call is in progress, because the server reads nothing more until it ends.
final class VarlinkFrameHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = [UInt8]

    /// How long messages may take to arrive.
    struct MessageArrival: Sendable {
        /// The bound for messages of any method not in `methods`.
        var timeout: Duration
        /// Longer bounds by fully qualified method name, applied once the message has named its method.
        var methods: [String: Duration]
    }

    private var decoder: VarlinkFrameDecoder
    private let arrival: MessageArrival
    private let connection: ConnectionState
    private let onTimeout: @Sendable (Duration) -> Void
    private var failed = false
    private var timer: Scheduled<Void>?

    /// Creates the handler with the limits of `decoder`; `onTimeout` is called (for logging) with the bound that
    /// was exceeded just before the connection is closed.
    init(
        decoder: VarlinkFrameDecoder, arrival: MessageArrival, connection: ConnectionState,
        onTimeout: @escaping @Sendable (Duration) -> Void
    ) {
        self.decoder = decoder
        self.arrival = arrival
        self.connection = connection
        self.onTimeout = onTimeout
    }

    /// Appends the bytes, passes on every message they complete, and times the message still arriving.
    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !failed else { return }
        let buffer = unwrapInboundIn(data)
        decoder.append(buffer.readableBytesView)
        var completed = false
        do {
            while let frame = try decoder.nextFrame() {
                if !completed {
                    completed = true
                    connection.messageEnded()
                }
                context.fireChannelRead(wrapInboundOut(frame))
            }
        } catch {
            failed = true
            stopTimer()
            context.fireErrorCaught(error)
            context.close(promise: nil)
            return
        }
        if decoder.bufferedByteCount == 0 {
            stopTimer()
        } else if completed || timer == nil {
            connection.messageStarted()
            schedule(context: context, at: .now() + TimeAmount(arrival.timeout))
        }
    }

    /// Stops the clock when the connection ends.
    func channelInactive(context: ChannelHandlerContext) {
        stopTimer()
        context.fireChannelInactive()
    }

    private func schedule(context: ChannelHandlerContext, at deadline: NIODeadline) {
        timer?.cancel()
        let loopBound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
        timer = context.eventLoop.scheduleTask(deadline: deadline) {
            let (handler, context) = loopBound.value
            handler.check(context: context)
        }
    }

    private func stopTimer() {
        timer?.cancel()
        timer = nil
    }

    /// Closes the connection if the message arriving has had its time, else looks again when it will have.
    private func check(context: ChannelHandlerContext) {
        timer = nil
        guard context.channel.isActive, !failed, decoder.bufferedByteCount > 0 else { return }
        let bound = decoder.bufferedMethod.flatMap { arrival.methods[$0] }.map { max($0, arrival.timeout) }
            ?? arrival.timeout
        guard let since = connection.messageArrivingSince else {
            schedule(context: context, at: .now() + TimeAmount(bound))
            return
        }
        let deadline = since + TimeAmount(bound)
        if deadline > .now() {
            schedule(context: context, at: deadline)
            return
        }
        failed = true
        onTimeout(bound)
        context.close(promise: nil)
    }
}
