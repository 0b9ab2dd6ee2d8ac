import AudioCodec
import Foundation

extension StreamReader {
    /// One URL's turn: connect, check the answer, decode into a new jitter buffer, go on air when it is full enough
    /// (or, coming back from the fallback, after `returnAfter` seconds of health), and decode until the stream fails.
    func play(index: Int, lostAt: Double?) -> Outcome {
        let text = configuration.urls[index]
        var onAir = false
        var lastArrival = clock.uptime()
        var starvedSince: Double?
        do {
            let url = try StreamURL(text)
            let connection = try StreamConnection(
                url: url, trustedCAFile: configuration.trustedCAFile,
                timeout: limit(configuration.connectTimeout, lostAt: lostAt), clock: clock
            )
            current.withLock { $0 = connection }
            defer {
                lastArrival = connection.queue.lastArrival
                current.withLock { $0 = nil }
                connection.close()
            }
            if isStopped { return .stopped }
            let answerBy = clock.uptime() + limit(configuration.connectTimeout, lostAt: lostAt)
            if let failure = connection.queue.waitForAnswer(until: answerBy) {
                if case .timedOut = failure {
                    throw StreamFailure.timedOut(
                        seconds: configuration.connectTimeout, waitingFor: "answer from the server"
                    )
                }
                throw failure
            }
            let readFailure = ReadFailure()
            let decoder: OggOpusStreamDecoder
            do {
                decoder = try OggOpusStreamDecoder(name: text) { bytes in
                    self.readBytes(into: bytes, from: connection.queue, failure: readFailure, lostAt: lostAt)
                }
            } catch {
                if isStopped { return .stopped }
                throw readFailure.failure ?? .notOggOpus(detail: "\(error)")
            }
            let buffer = JitterBuffer(settings: configuration.jitter)
            // Health, for the return from the fallback, is delivery at real-time pace: it starts again whenever the
            // audio decoded since it began falls behind the time elapsed by more than the starvation limit.
            var healthySince = clock.uptime()
            var decodedSince = 0
            var watch = StarvationWatch(limit: configuration.starvationLimit, window: configuration.starvationWindow)
            var scratch = [Float](repeating: 0, count: 960)
            while !isStopped {
                let frames: Int
                do {
                    frames = try scratch.withUnsafeMutableBufferPointer { try decoder.read(into: $0) }
                } catch {
                    throw readFailure.failure ?? .undecodable(detail: "\(error)")
                }
                guard frames > 0 else { throw readFailure.failure ?? .closed }
                scratch.withUnsafeBufferPointer { buffer.push(UnsafeBufferPointer(rebasing: $0[0..<frames])) }
                decodedSince += frames
                let now = clock.uptime()
                if Double(decodedSince) / 48_000 < now - healthySince - configuration.starvationLimit {
                    healthySince = now
                    decodedSince = 0
                }
                if !onAir {
                    onAir = goOnAirIfReady(index: index, buffer: buffer, decoder: decoder, since: healthySince)
                    if !onAir { switchToFallbackIfDue(lostAt: lostAt) }
                } else if let began = watch.starved(at: clock.uptime(), underrun: underrunSeconds) {
                    starvedSince = began
                    throw StreamFailure.starved(underrunSeconds: configuration.starvationLimit,
                                                windowSeconds: configuration.starvationWindow)
                }
            }
            return .stopped
        } catch let failure as StreamFailure {
            return isStopped ? .stopped : .failed(failure, wasOnAir: onAir, since: starvedSince ?? lastArrival)
        } catch {
            return isStopped ? .stopped : .failed(.undecodable(detail: "\(error)"), wasOnAir: onAir, since: lastArrival)
        }
    }

    /// libopusfile's read callback: bytes from the queue, waiting at most the stall timeout (cut at the fallback
    /// deadline before anything plays); -1 gives up, with the reason kept in `failure`.
    private func readBytes(into bytes: UnsafeMutableRawBufferPointer, from queue: ByteQueue, failure: ReadFailure,
                           lostAt: Double?) -> Int {
        do {
            let stall = configuration.stallTimeout
            let wait = isOnAirOrFallback ? stall : limit(stall, lostAt: lostAt)
            return try queue.read(into: bytes, stallTimeout: wait)
        } catch {
            failure.failure = error
            return -1
        }
    }

    private var isOnAirOrFallback: Bool { air.withLock { $0.source != nil } }

    /// The audio thread's running total of underruns on a URL, seconds.
    private var underrunSeconds: Double { Double(air.withLock { $0.underrunFrames }) / 48_000 }

    /// Puts `buffer` on air once it holds the target level (from the fallback: once the URL has delivered at
    /// real-time pace since `since` for `returnAfter` seconds, so a throttled URL does not come back to starve
    /// again). Returns whether it did.
    private func goOnAirIfReady(index: Int, buffer: JitterBuffer, decoder: OggOpusStreamDecoder, since: Double)
        -> Bool {
        let healthy = clock.uptime() - since
        let fromFallback = isOnFallback
        guard buffer.level >= configuration.jitter.target,
              !fromFallback || healthy >= configuration.returnAfter else { return false }
        buffer.start(keepingAtMost: configuration.jitter.target)
        let source = StreamSource.url(index: index, url: configuration.urls[index])
        let comments = decoder.comments
        let corrector = RateCorrector(settings: configuration.jitter)
        let (previous, failure, first) = air.withLock { air in
            let previous = air.source
            let first = air.switches == 0
            air.source = source
            air.buffer = buffer
            air.corrector = corrector
            air.switches += 1
            air.comments = comments
            return (previous, air.lastFailure, first)
        }
        let cause: StreamEvent.SwitchCause = fromFallback ? .recovered(seconds: healthy)
            : first ? .started : failure.map { .failed($0) } ?? .started
        onEvent(StreamEvent(kind: .switched(from: previous, to: source, cause: cause), date: clock.now()))
        return true
    }
}
