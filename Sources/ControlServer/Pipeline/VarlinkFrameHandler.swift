import ControlProtocol
import NIOCore

/// Splits the bytes of one connection into varlink messages with the pure `VarlinkFrameDecoder`, on the event
/// loop, so the task serving the connection receives whole messages with NIO's back-pressure intact.
///
/// A framing fault (a message over its limit, an empty message) is passed on as an error and the connection is
/// closed: the stream can no longer be trusted to be in step with message boundaries.
final class VarlinkFrameHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = [UInt8]

    private var decoder: VarlinkFrameDecoder
    private var failed = false

    /// Creates the handler with the limits of `decoder`.
    init(decoder: VarlinkFrameDecoder) {
        self.decoder = decoder
    }

    /// Appends the bytes and passes on every message they complete.
    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !failed else { return }
        let buffer = unwrapInboundIn(data)
        decoder.append(buffer.readableBytesView)
        do {
            while let frame = try decoder.nextFrame() {
                context.fireChannelRead(wrapInboundOut(frame))
            }
        } catch {
            failed = true
            context.fireErrorCaught(error)
            context.close(promise: nil)
        }
    }
}
