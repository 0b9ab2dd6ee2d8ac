import NIOCore
import NIOHTTP1

/// Collects one HTTP response: its status, validators and body (up to a limit), then closes the connection.
final class HTTPFetchHandler: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = HTTPClientResponsePart

    private let url: String
    private let limit: Int
    private let promise: EventLoopPromise<HTTPFetchResult>
    private var head: HTTPResponseHead?
    private var body: [UInt8] = []

    /// A handler for the answer from `url`, failing past `limit` body bytes.
    init(url: String, limit: Int, promise: EventLoopPromise<HTTPFetchResult>) {
        self.url = url
        self.limit = limit
        self.promise = promise
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let received):
            head = received
        case .body(var buffer):
            guard body.count + buffer.readableBytes <= limit else {
                promise.fail(HTTPFetchError.tooLarge(url, limit))
                context.close(promise: nil)
                return
            }
            body += buffer.readBytes(length: buffer.readableBytes) ?? []
        case .end:
            guard let head else { return }
            promise.succeed(HTTPFetchResult(
                status: Int(head.status.code), contentLength: head.headers.first(name: "Content-Length")
                    .flatMap { Int($0) }, body: body, etag: head.headers.first(name: "ETag"),
                lastModified: head.headers.first(name: "Last-Modified"), location: head.headers.first(name: "Location"),
                url: url
            ))
            context.close(promise: nil)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        promise.fail(HTTPFetchError.connection(url, "the connection closed before the answer was complete"))
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        promise.fail(HTTPFetchError.connection(url, "\(error)"))
        context.close(promise: nil)
    }
}
