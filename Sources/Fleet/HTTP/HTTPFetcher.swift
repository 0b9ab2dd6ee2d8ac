import Foundation
import HTTPClientChannel
import NIOCore
import NIOHTTP1
import NIOPosix

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
        guard let target = HTTPTarget(url: fetch.url) else { throw .badURL(fetch.url) }
        var headers = [("Accept", fetch.accept)]
        if let etag = fetch.etag { headers.append(("If-None-Match", etag)) }
        if let lastModified = fetch.lastModified { headers.append(("If-Modified-Since", lastModified)) }
        if let body = fetch.body { headers.append(("Content-Length", "\(body.count)")) }
        let promise = MultiThreadedEventLoopGroup.singleton.next().makePromise(of: HTTPFetchResult.self)
        let handler = HTTPFetchHandler(url: fetch.url, limit: fetch.maximumBytes, promise: promise)
        do {
            let channel = try await HTTPClientChannel.connect(to: target, tls: fetch.tls, timeout: timeout,
                                                              handler: handler)
            let deadline = channel.eventLoop.scheduleTask(in: TimeAmount(timeout)) {
                promise.fail(HTTPFetchError.timedOut(fetch.url))
                channel.close(promise: nil)
            }
            promise.futureResult.whenComplete { _ in deadline.cancel() }
            let head = HTTPClientChannel.head(HTTPMethod(rawValue: fetch.method), target,
                                              userAgent: "communecast-cap", headers: headers)
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
