import AudioCodec
import Dispatch
import Foundation
import HostSystem
import Logging
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Sends live audio to an Icecast mount as low-delay Ogg Opus. The calling thread captures, levels (`LiveLeveller`)
/// and encodes one period at a time; a sending thread, `cc-live-send`, owns the libshout connection,
/// reconnects with a doubling back-off when it is lost, and starts every connection with the stream's headers. A
/// lost or slow server never holds the capture up: what cannot be sent is dropped (`OggPageQueue`), never delayed.
public final class LiveBroadcaster: Sendable {
    struct Counters {
        var bytesSent = 0
        var pagesSent = 0
        var pagesDropped = 0
        var connections = 0
    }

    let settings: LiveSettings
    let logger: Logger
    let onEvent: @Sendable (LiveBroadcastEvent) -> Void
    let queue: OggPageQueue
    let wake = DispatchSemaphore(value: 0)
    let senderDone = DispatchSemaphore(value: 0)
    let counters = Mutex(Counters())
    let progress = Mutex(EncodingProgress())
    private let stopping = Atomic<Bool>(false)

    /// Prepares a broadcast; `onEvent` hears every connection change, on the sending thread.
    public init(settings: LiveSettings, logger: Logger, onEvent: @escaping @Sendable (LiveBroadcastEvent) -> Void) {
        self.settings = settings
        self.logger = logger
        self.onEvent = onEvent
        queue = OggPageQueue(maxBacklogSeconds: settings.maxBacklogSeconds)
    }

    /// Ends the broadcast after the current period: the end-of-stream page is sent and the connection closed. Safe
    /// from any thread (a signal handler's queue).
    public func stop() { stopping.store(true, ordering: .relaxed) }

    /// Broadcasts `input` until it ends or `stop()` is called, and returns what was done. Throws when the first
    /// connection fails (a wrong URL or password is better reported than retried forever) or the input fails.
    /// Ignores SIGPIPE for the whole process: libshout writes to its socket without MSG_NOSIGNAL, and a server that
    /// goes away must be a reconnection, not the end of the process.
    public func run(input: LiveInput) throws(LiveError) -> LiveBroadcastReport {
        signal(SIGPIPE, SIG_IGN)
        let connection = try makeConnection()
        try connection.open()
        counters.withLock { $0.connections = 1 }
        onEvent(.connected(attempt: 1))
        let encoder: OggOpusEncoder
        do {
            encoder = try OggOpusEncoder(settings: settings.encoder, tags: [("COMMUNECAST_LEVEL", settings.level)]) {
                [self] page in
                queue.push(page, isHeader: progress.withLock { $0.isHeader() })
            }
            try encoder.flushHeader()
        } catch {
            connection.close()
            throw .input(name: input.name, message: "the encoder could not start: \(error)")
        }
        progress.withLock { $0.headersDone = true }
        try sendHeaders(on: connection)
        NamedThread.start("cc-live-send") { [self] in send(on: connection) }
        var failure: LiveError?
        var peak: Float = 0
        do {
            peak = try capture(input: input, encoder: encoder)
        } catch let error as LiveError {
            failure = error
        } catch {
            failure = .input(name: input.name, message: "\(error)")
        }
        do { try encoder.finish() } catch { logger.warning("live: the encoder could not finish: \(error)") }
        queue.close()
        wake.signal()
        senderDone.wait()
        if let failure { throw failure }
        let counted = counters.withLock { $0 }
        let encoded = progress.withLock { $0 }
        return LiveBroadcastReport(
            seconds: Double(encoded.framesEncoded) / 48_000, pagesSent: counted.pagesSent,
            bytesSent: counted.bytesSent, pagesDropped: counted.pagesDropped + queue.dropped,
            connections: counted.connections, firstPageDelay: encoded.firstPageFrames.map { Double($0) / 48_000 },
            peakDBFS: peak > 0 ? 20 * log10(Double(peak)) : nil
        )
    }

    /// A new, unopened connection to the mount: each attempt gets a fresh libshout handle, since one that has lost
    /// its connection does not open again.
    func makeConnection() throws(LiveError) -> ShoutConnection {
        try ShoutConnection(
            url: settings.mount, user: settings.user, password: settings.password,
            name: "CommuneCast live", description: "level \(settings.level)"
        )
    }

    /// Reads, levels and encodes until the input ends or `stop()`; returns the peak sent.
    private func capture(input: LiveInput, encoder: OggOpusEncoder) throws -> Float {
        let leveller = try LiveLeveller()
        var period = [Float](repeating: 0, count: settings.periodFrames)
        var peak: Float = 0
        while !stopping.load(ordering: .relaxed) {
            let frames = try period.withUnsafeMutableBufferPointer { try input.read(into: $0) }
            if frames == 0 { break }
            try period.withUnsafeMutableBufferPointer { buffer in
                let slice = UnsafeMutableBufferPointer(rebasing: buffer[0..<frames])
                leveller.process(slice)
                for sample in slice { peak = max(peak, abs(sample)) }
                progress.withLock { $0.framesEncoded += frames }
                try encoder.write(UnsafeBufferPointer(slice))
            }
            wake.signal()
        }
        return peak
    }
}
