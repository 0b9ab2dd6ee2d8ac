import BroadcastModel
#if canImport(Glibc)
import Glibc
#endif
import HTTPClientChannel
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

/// One HTTP(S) GET of a stream URL on SwiftNIO's event loops, its bytes flowing into a `ByteQueue` that the reading
/// thread drains. Closing it ends the queue.
final class StreamConnection: Sendable {
    /// Where the bytes go.
    let queue: ByteQueue
    private let channel: Channel

    /// Connects to `url` (TLS verified against the system's authorities and `trustedCAFile`) and sends the GET.
    /// Blocks the calling thread (the stream's reading thread) for at most `timeout` seconds.
    /// `clock` times the queue's arrivals and stalls.
    init(url: StreamURL, trustedCAFile: String?, timeout: Double, clock: any Clock) throws(StreamFailure) {
        let queue = ByteQueue(clock: clock)
        self.queue = queue
        var sslContext: NIOSSLContext?
        if url.secure {
            var tls = TLSConfiguration.makeClientConfiguration()
            if let trustedCAFile { tls.additionalTrustRoots = [.file(trustedCAFile)] }
            do {
                sslContext = try NIOSSLContext(configuration: tls)
            } catch {
                throw .tls(reason: "cannot load the trusted authorities: \(error)")
            }
        }
        let bootstrap = HTTPClientChannel.bootstrap(
            host: url.host, tls: sslContext, timeout: .milliseconds(Int64(timeout * 1_000))
        ) { StreamHTTPHandler(url: url, queue: queue) }
            .channelOption(.socketOption(.so_keepalive), value: 1)
        do {
            channel = try bootstrap.connect(host: url.host, port: url.port).wait()
        } catch ChannelError.connectTimeout {
            throw .timedOut(seconds: timeout, waitingFor: "connection to \(url.host):\(url.port)")
        } catch let error as NIOConnectionError {
            if error.dnsAAAAError != nil || error.dnsAError != nil, error.connectionErrors.isEmpty {
                throw .unresolvable(host: url.host)
            }
            let reason = error.connectionErrors.first.map { Self.words($0.error) } ?? "\(error)"
            throw .unreachable(address: "\(url.host):\(url.port)", reason: reason)
        } catch {
            if case .tls = StreamHTTPHandler.failure(for: error, address: "\(url.host):\(url.port)") {
                throw .tls(reason: "\(error)")
            }
            throw .unreachable(address: "\(url.host):\(url.port)", reason: Self.words(error))
        }
    }

    /// An operating system's error in its own words ("connection refused"), not NIO's description of it, which
    /// reads "connection reset (error set): Connection refused) (errno: 111)" in an operator's log.
    static func words(_ error: any Error) -> String {
        guard let io = error as? IOError else { return "\(error)" }
        return String(cString: strerror(io.errnoCode)).lowercased()
    }

    /// Closes the connection; the queue ends as closed.
    func close() {
        channel.close(promise: nil)
        queue.finish(.closed)
    }
}
