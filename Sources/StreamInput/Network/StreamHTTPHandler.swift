#if canImport(Glibc)
import Glibc
#endif
import NIOCore
import NIOHTTP1
import NIOSSL

/// Sends one GET for a mount and hands the answer to a `ByteQueue`: the head is checked (status, content type), the
/// body's bytes are appended as they arrive, and every way the response can end becomes a typed `StreamFailure`.
final class StreamHTTPHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPClientResponsePart
    typealias OutboundOut = HTTPClientRequestPart

    private let url: StreamURL
    private let queue: ByteQueue
    private var accepted = false

    /// Creates the handler for `url`, feeding `queue`.
    init(url: StreamURL, queue: ByteQueue) {
        self.url = url
        self.queue = queue
    }

    func channelActive(context: ChannelHandlerContext) {
        var head = HTTPRequestHead(version: .http1_1, method: .GET, uri: url.target)
        let defaultPort = url.secure ? 443 : 80
        head.headers.add(name: "Host", value: url.port == defaultPort ? url.host : "\(url.host):\(url.port)")
        head.headers.add(name: "User-Agent", value: "communecast-stream")
        head.headers.add(name: "Accept", value: "audio/ogg, application/ogg, audio/opus")
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case let .head(head):
            if let failure = Self.check(head) {
                queue.finish(failure)
                context.close(promise: nil)
                return
            }
            accepted = true
            queue.accept()
        case let .body(buffer):
            if accepted { queue.append(buffer.readableBytesView) }
        case .end:
            queue.finish(.closed)
            context.close(promise: nil)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        queue.finish(.closed)
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        queue.finish(Self.failure(for: error, address: "\(url.host):\(url.port)"))
        context.close(promise: nil)
    }

    /// Why a response head cannot be played, or nil when it announces an Ogg stream.
    static func check(_ head: HTTPResponseHead) -> StreamFailure? {
        let code = Int(head.status.code)
        if (300..<400).contains(code) {
            return .badRedirect(location: head.headers.first(name: "Location") ?? "(none)")
        }
        guard code == 200 else { return .httpStatus(code: code, reason: head.status.reasonPhrase) }
        let type = (head.headers.first(name: "Content-Type") ?? "").lowercased()
        let media = type.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        switch media {
        case "application/ogg", "audio/ogg", "audio/opus", "application/octet-stream": return nil
        case let other where other.hasPrefix("audio/"): return .unsupportedFormat(contentType: type)
        default: return .notAStream(contentType: type.isEmpty ? "(no content type)" : type)
        }
    }

    /// A network or TLS error on the connection to `address` as a `StreamFailure`: a connection the server reset
    /// is a stream it closed.
    static func failure(for error: Error, address: String) -> StreamFailure {
        if error is NIOSSLError || error is BoringSSLError || error is NIOSSLExtraError {
            return .tls(reason: "\(error)")
        }
        if let io = error as? IOError, io.errnoCode == ECONNRESET || io.errnoCode == EPIPE { return .closed }
        return .unreachable(address: address, reason: StreamConnection.words(error))
    }
}
