import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

/// HTTP/1.1 GETs over SwiftNIO (NIOHTTP1 frames the protocol, NIOSSL does TLS with the system's trust roots): the
/// CLI's only HTTP client, for CAP feeds, messages and audio resources. Each fetch is one connection
/// (`Connection: close`), with a deadline and a body limit; redirects are followed a few times where the caller
/// allows their target.
public enum HTTPFetcher {
    /// Redirects followed at most.
    static let maximumRedirects = 3

    /// Fetches `fetch`; `allowRedirect` says whether a `Location` may be followed.
    public static func fetch(
        _ fetch: HTTPFetch, timeout: Duration = .seconds(30),
        allowRedirect: @Sendable (URL) -> Bool = { _ in true }
    ) async throws(HTTPFetchError) -> HTTPFetchResult {
        var current = fetch
        for _ in 0...maximumRedirects {
            let result = try await once(current, timeout: timeout)
            guard [301, 302, 303, 307, 308].contains(result.status) else {
                guard result.status == 200 || result.status == 304 else {
                    throw .status(current.url, result.status)
                }
                return result
            }
            guard let location = result.location,
                  let next = URL(string: location, relativeTo: URL(string: current.url)),
                  allowRedirect(next.absoluteURL) else {
                throw .redirect(current.url, "redirects to '\(result.location ?? "")', which is not allowed")
            }
            current.url = next.absoluteURL.absoluteString
        }
        throw .redirect(fetch.url, "more than \(maximumRedirects) redirects")
    }

    /// One request as `fetch` describes it (method, body), without following redirects or judging the status.
    public static func request(_ fetch: HTTPFetch, timeout: Duration = .seconds(30)) async throws(HTTPFetchError)
        -> HTTPFetchResult {
        try await once(fetch, timeout: timeout)
    }

    /// One request.
    private static func once(_ fetch: HTTPFetch, timeout: Duration) async throws(HTTPFetchError) -> HTTPFetchResult {
        guard let url = URL(string: fetch.url), let scheme = url.scheme?.lowercased(),
              scheme == "http" || scheme == "https", let host = url.host, !host.isEmpty else {
            throw .badURL(fetch.url)
        }
        let secure = scheme == "https"
        let port = url.port ?? (secure ? 443 : 80)
        var target = url.path.isEmpty ? "/" : url.path
        if let query = url.query { target += "?\(query)" }
        var headers = HTTPHeaders([("Host", url.port.map { "\(host):\($0)" } ?? host),
                                   ("User-Agent", "communecast-cap"), ("Accept", fetch.accept),
                                   ("Connection", "close")])
        if let etag = fetch.etag { headers.add(name: "If-None-Match", value: etag) }
        if let lastModified = fetch.lastModified { headers.add(name: "If-Modified-Since", value: lastModified) }
        let group = MultiThreadedEventLoopGroup.singleton
        let promise = group.next().makePromise(of: HTTPFetchResult.self)
        let handler = HTTPFetchHandler(url: fetch.url, limit: fetch.maximumBytes, promise: promise)
        do {
            let tls = secure ? try fetch.tls ?? NIOSSLContext(configuration: .makeClientConfiguration()) : nil
            let channel = try await ClientBootstrap(group: group)
                .connectTimeout(TimeAmount(timeout))
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        let sync = channel.pipeline.syncOperations
                        if let tls {
                            let name = (try? SocketAddress(ipAddress: host, port: 0)) == nil ? host : nil
                            try sync.addHandler(NIOSSLClientHandler(context: tls, serverHostname: name))
                        }
                        try sync.addHTTPClientHandlers()
                        try sync.addHandler(handler)
                    }
                }
                .connect(host: host, port: port).get()
            let deadline = channel.eventLoop.scheduleTask(in: TimeAmount(timeout)) {
                promise.fail(HTTPFetchError.timedOut(fetch.url))
                channel.close(promise: nil)
            }
            promise.futureResult.whenComplete { _ in deadline.cancel() }
            if let body = fetch.body { headers.add(name: "Content-Length", value: "\(body.count)") }
            let head = HTTPRequestHead(version: .http1_1, method: HTTPMethod(rawValue: fetch.method), uri: target,
                                       headers: headers)
            channel.write(HTTPClientRequestPart.head(head), promise: nil)
            if let body = fetch.body {
                channel.write(HTTPClientRequestPart.body(.byteBuffer(ByteBuffer(bytes: body))), promise: nil)
            }
            channel.writeAndFlush(HTTPClientRequestPart.end(nil), promise: nil)
            return try await promise.futureResult.get()
        } catch let error as HTTPFetchError {
            throw error
        } catch {
            promise.fail(error)
            throw .connection(fetch.url, "\(error)")
        }
    }
}
