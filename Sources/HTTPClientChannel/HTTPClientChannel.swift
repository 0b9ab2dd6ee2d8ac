import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

/// Opens one HTTP/1.1 client connection on SwiftNIO's shared event loops: TCP with a connect deadline, TLS when the
/// target is `https:` (NIOSSL, with the server's name sent and checked unless the host is an IP address, which is then
/// checked against the certificate instead), NIOHTTP1's framing, and the caller's response handler last. The office's
/// fetcher and the site's media download differ only in that handler and in the request they send.
public enum HTTPClientChannel {
    /// Connects to `target` and returns the channel, ready for `HTTPClientRequestPart`s. `tls` is used for an
    /// `https:` target (the system's trust roots when nil) and ignored for `http:`.
    public static func connect(
        to target: HTTPTarget, tls: NIOSSLContext? = nil, timeout: Duration,
        handler: some ChannelHandler & Sendable
    ) async throws -> Channel {
        let context = target.secure ? try tls ?? NIOSSLContext(configuration: .makeClientConfiguration()) : nil
        return try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connectTimeout(TimeAmount(timeout))
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let sync = channel.pipeline.syncOperations
                    if let context {
                        let name = (try? SocketAddress(ipAddress: target.host, port: 0)) == nil ? target.host : nil
                        try sync.addHandler(NIOSSLClientHandler(context: context, serverHostname: name))
                    }
                    try sync.addHTTPClientHandlers()
                    try sync.addHandler(handler)
                }
            }
            .connect(host: target.host, port: target.port).get()
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
