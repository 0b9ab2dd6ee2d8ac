#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ControlProtocol
import NIOCore
import NIOSSL

/// The client side of one connection, on its event loop: writes calls in order, splits the reply stream with
/// `VarlinkFrameDecoder`, and gives each reply to the oldest call still waiting (varlink answers in order).
final class VarlinkClientHandler: ChannelDuplexHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundIn = PendingCall
    typealias OutboundOut = ByteBuffer

    private let address: SiteAddress
    private var decoder: VarlinkFrameDecoder
    private var waiting = CircularBuffer<PendingCall>()
    private let connectionFailure: ConnectionFailure
    private var failure: ClientError?

    /// Creates the handler; replies larger than `maxReplyBytes` are treated as a protocol violation, and the
    /// connection's first failure is also recorded in `failure` for writes that never reach the handler.
    init(address: SiteAddress, maxReplyBytes: Int, failure: ConnectionFailure) {
        self.address = address
        connectionFailure = failure
        decoder = VarlinkFrameDecoder(maxFrameBytes: maxReplyBytes)
    }

    /// Queues the call for its replies and sends it; a call on a failed connection fails at once.
    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let call = unwrapOutboundIn(data)
        if let failure {
            call.fail(failure)
            promise?.fail(failure)
            return
        }
        if call.expectsReply { waiting.append(call) }
        context.writeAndFlush(wrapOutboundOut(ByteBuffer(bytes: call.frame)), promise: promise)
    }

    /// Decodes every complete reply and delivers it.
    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard failure == nil else { return }
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
            fail(.protocolViolation(address, reason: "\(error)"), context: context)
        }
    }

    /// Fails every waiting call: the daemon went away.
    func channelInactive(context: ChannelHandlerContext) {
        fail(.closedByPeer(address), context: context)
        context.fireChannelInactive()
    }

    /// Fails every waiting call with the transport's error; a reset means the daemon went away, and a TLS alert
    /// after the handshake means the site refused our certificate (in TLS 1.3 it says so only then).
    func errorCaught(context: ChannelHandlerContext, error: Error) {
        if let ioError = error as? IOError, [ECONNRESET, EPIPE].contains(ioError.errnoCode) {
            fail(.closedByPeer(address), context: context)
        } else if let sslError = error as? NIOSSLError, sslError == .uncleanShutdown {
            fail(.closedByPeer(address), context: context)
        } else if case .tls(let host, _) = address, let reason = TLSFailure.explain(error, host: host) {
            fail(.tlsFailed(address, reason: reason), context: context)
        } else {
            fail(.unreachable(address, reason: "\(error)"), context: context)
        }
    }

    private func fail(_ error: ClientError, context: ChannelHandlerContext) {
        if failure == nil { failure = connectionFailure.record(error) }
        while let call = waiting.popFirst() {
            call.fail(failure ?? error)
        }
        context.close(promise: nil)
    }
}
