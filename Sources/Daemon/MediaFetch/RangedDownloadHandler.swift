import NIOCore
import NIOHTTP1
#if canImport(Glibc)
import Glibc
#endif

/// Appends one HTTP response's body to an open file from the byte the request asked for: a `206` whose
/// `Content-Range` starts there continues the file; a `200` (the server ignored the range) starts it again. Reports
/// how the response ended; what reached the file stays there for the next attempt to resume from.
final class RangedDownloadHandler: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = HTTPClientResponsePart

    private let file: Int32
    private let offset: Int
    private let limit: Int
    private let promise: EventLoopPromise<RangedDownload.Outcome>
    private var total: Int?
    private var written = 0
    private var failed = false

    /// A handler writing to `file` (opened for writing at `offset` bytes), failing past `limit` bytes in all.
    init(file: Int32, offset: Int, limit: Int, promise: EventLoopPromise<RangedDownload.Outcome>) {
        self.file = file
        self.offset = offset
        self.limit = limit
        self.promise = promise
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !failed else { return }
        switch unwrapInboundIn(data) {
        case .head(let head):
            switch head.status.code {
            case 206:
                guard let range = head.headers.first(name: "Content-Range").flatMap(Self.contentRange),
                      range.start == offset else {
                    return fail(context, .protocolError("a 206 answer whose Content-Range does not start at byte "
                                                        + "\(offset)"))
                }
                total = range.total
            case 200:
                // The server sends the whole file: start it again.
                guard ftruncate(file, 0) == 0, lseek(file, 0, SEEK_SET) == 0 else {
                    return fail(context, .storage(String(cString: strerror(errno))))
                }
                written = -offset
                total = head.headers.first(name: "Content-Length").flatMap { Int($0) }
            default:
                return fail(context, .status(Int(head.status.code)))
            }
            if let total, total > limit { return fail(context, .tooLarge(limit)) }
        case .body(let buffer):
            let bytes = Array(buffer.readableBytesView)
            guard offset + written + bytes.count <= limit else { return fail(context, .tooLarge(limit)) }
            guard bytes.withUnsafeBytes({ Self.writeAll(file, $0) }) else { return fail(context, .storage(String(cString: strerror(errno)))) }
            written += bytes.count
        case .end:
            promise.succeed(.complete(bytes: offset + written, declaredTotal: total))
            failed = true
            context.close(promise: nil)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        if !failed {
            failed = true
            promise.succeed(.interrupted(bytes: offset + written))
        }
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        if !failed {
            failed = true
            promise.succeed(.interrupted(bytes: offset + written))
        }
        context.close(promise: nil)
    }

    private func fail(_ context: ChannelHandlerContext, _ failure: RangedDownload.Failure) {
        failed = true
        promise.succeed(.failed(failure))
        context.close(promise: nil)
    }

    /// Writes every byte of `bytes` to `fd`, retrying on EINTR; false on an error (errno says which).
    private static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Bool {
        var done = 0
        while done < bytes.count {
            let count = write(fd, bytes.baseAddress! + done, bytes.count - done)
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { return false }
            done += count
        }
        return true
    }

    /// `bytes START-END/TOTAL` (RFC 9110 §14.4); `TOTAL` may be `*`.
    static func contentRange(_ value: String) -> (start: Int, total: Int?)? {
        let parts = value.trimmingPrefix("bytes ").split(separator: "/")
        guard parts.count == 2, let start = parts[0].split(separator: "-").first.flatMap({ Int($0) }) else {
            return nil
        }
        return (start, Int(parts[1]))
    }
}
