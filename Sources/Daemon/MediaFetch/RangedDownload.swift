import Foundation
import HTTPClientChannel
import NIOCore
import NIOHTTP1
import NIOPosix
#if canImport(Glibc)
import Glibc
#endif

/// One HTTP/1.1 GET of a media file over SwiftNIO (NIOHTTP1 frames the protocol, NIOSSL does TLS with the system's
/// trust roots), continuing a partial file with `Range: bytes=N-` (RFC 9110 §14): what a dropped 3G link already
/// brought is never fetched again. One connection per attempt (`Connection: close`), with a deadline.
enum RangedDownload {
    /// How an attempt ended.
    enum Outcome: Sendable, Equatable {
        /// The answer ended: the file now holds `bytes` bytes; the server declared `declaredTotal` for the whole.
        case complete(bytes: Int, declaredTotal: Int?)
        /// The connection broke (or the deadline passed) after `bytes` bytes in all were on disk.
        case interrupted(bytes: Int)
        /// The server or the file refused: trying again at once would not help.
        case failed(Failure)
    }

    /// Why an attempt failed.
    enum Failure: Error, Sendable, Equatable, CustomStringConvertible {
        /// The server answered this status (404: the media host does not have the file).
        case status(Int)
        /// The file is larger than the site accepts.
        case tooLarge(Int)
        /// The answer does not follow HTTP's rules for ranges.
        case protocolError(String)
        /// The site could not write the partial file.
        case storage(String)
        /// The URL cannot be fetched.
        case badURL(String)

        var description: String {
            switch self {
            case .status(let code): "the media host answered \(code)"
            case .tooLarge(let limit): "the file is larger than the site's limit of \(limit) bytes"
            case .protocolError(let detail): "the media host broke the HTTP rules: \(detail)"
            case .storage(let reason): "cannot write the partial file: \(reason)"
            case .badURL(let url): "'\(url)' is not an http: or https: URL"
            }
        }
    }

    /// Fetches `url` into `path` from its current length (the bytes a previous attempt left there), at most `limit`
    /// bytes in all, within `timeout`.
    static func attempt(_ url: String, into path: String, limit: Int, timeout: Duration) async -> Outcome {
        guard let target = HTTPTarget(url: url) else { return .failed(.badURL(url)) }
        let file = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0o600)
        guard file >= 0 else { return .failed(.storage(String(cString: strerror(errno)))) }
        defer { close(file) }
        let offset = Int(lseek(file, 0, SEEK_END))
        guard offset >= 0 else { return .failed(.storage(String(cString: strerror(errno)))) }
        var headers = [("Accept", "*/*")]
        if offset > 0 { headers.append(("Range", "bytes=\(offset)-")) }
        let promise = MultiThreadedEventLoopGroup.singleton.next().makePromise(of: Outcome.self)
        let handler = RangedDownloadHandler(file: file, offset: offset, limit: limit, promise: promise)
        do {
            let channel = try await HTTPClientChannel.connect(to: target, timeout: timeout, handler: handler)
            let deadline = channel.eventLoop.scheduleTask(in: TimeAmount(timeout)) { channel.close(promise: nil) }
            promise.futureResult.whenComplete { _ in deadline.cancel() }
            let head = HTTPClientChannel.head(.GET, target, userAgent: "communecastd", headers: headers)
            channel.write(HTTPClientRequestPart.head(head), promise: nil)
            channel.writeAndFlush(HTTPClientRequestPart.end(nil), promise: nil)
            let outcome = try await promise.futureResult.get()
            try? await channel.closeFuture.get()
            return outcome
        } catch {
            promise.succeed(.interrupted(bytes: offset))
            return .interrupted(bytes: offset)
        }
    }
}
