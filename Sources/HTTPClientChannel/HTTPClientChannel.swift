import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

/// Opens one HTTP/1.1 client connection on SwiftNIO's shared event loops: TCP with a connect deadline, TLS when the
/// target is `https:` (NIOSSL, with the server's name sent and checked unless the host is an IP address, which is then
/// checked against the certificate instead), NIOHTTP1's framing, and the caller's response handler last. The office's
/// fetcher, the site's media download and its stream reader differ only in that handler and in the request they send.
public enum HTTPClientChannel {
    /// Connects to `target` and returns the channel, ready for `HTTPClientRequestPart`s. `tls` is used for an
    /// `https:` target (the system's trust roots when nil) and ignored for `http:`.
    public static func connect(
        to target: HTTPTarget, tls: NIOSSLContext? = nil, timeout: Duration,
        handler: some ChannelHandler & Sendable
    ) async throws -> Channel {
        let context = target.secure ? try tls ?? NIOSSLContext(configuration: .makeClientConfiguration()) : nil
        return try await bootstrap(host: target.host, tls: context, timeout: timeout) { handler }
            .connect(host: target.host, port: target.port).get()
    }

    /// The bootstrap `connect` uses, for a caller that connects itself (a stream's reading thread waits for it):
    /// TLS with `tls` when given (the server's name `host` sent and checked unless it is an IP address), then
    /// NIOHTTP1's framing and the handler `makeHandler` makes on the channel's event loop.
    public static func bootstrap(
        host: String, tls: NIOSSLContext?, timeout: Duration,
        makeHandler: @escaping @Sendable () -> any ChannelHandler
    ) -> ClientBootstrap {
        ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connectTimeout(TimeAmount(timeout))
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let sync = channel.pipeline.syncOperations
                    if let tls {
                        // An IP address is no SNI name; NIOSSL then checks the certificate against the address.
                        let name = (try? SocketAddress(ipAddress: host, port: 0)) == nil ? host : nil
                        try sync.addHandler(NIOSSLClientHandler(context: tls, serverHostname: name))
                    }
                    try sync.addHTTPClientHandlers()
                    try sync.addHandler(makeHandler())
                }
            }
    }

    /// The request head for `target`: `method`, the target's request target, `Host`, `User-Agent` and
    /// `Connection: close` (one request per connection), then `headers`.
    public static func head(
        _ method: HTTPMethod, _ target: HTTPTarget, userAgent: String, headers: [(String, String)] = []
    ) -> HTTPRequestHead {
        let all = HTTPHeaders([("Host", target.hostHeader), ("User-Agent", userAgent)] + headers
                              + [("Connection", "close")])
        return HTTPRequestHead(version: .http1_1, method: method, uri: target.requestTarget, headers: all)
    }
}
