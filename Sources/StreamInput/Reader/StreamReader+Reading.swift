import AudioCodec
import Foundation

extension StreamReader {
    /// How one URL's turn ended.
    enum Outcome {
        /// `since` is when the stream last delivered (monotonic seconds), where the loss began.
        case failed(StreamFailure, wasOnAir: Bool, since: Double)
        case stopped
    }

    /// Holds the reason a read callback gave up, since libopusfile only sees -1.
    final class ReadFailure {
        var failure: StreamFailure?
    }

    /// The reading thread: tries the URLs in order, plays the first that works until it fails, then the next; after a
    /// pass where none worked, waits (doubling up to `retryMax`) and starts again from the primary. Whenever nothing
    /// has played for `switchDeadline` seconds (counted from the last bytes of the stream that played, so a stall's
    /// detection time is part of it) the fallback goes on air.
    func readLoop() {
        var index = 0
        var lostAt: Double? = clock.uptime()
        var pass = 0
        while !isStopped {
            if index >= configuration.urls.count {
                index = 0
                pass += 1
                let wait = min(configuration.retryMax, configuration.retryInitial * pow(2, Double(pass - 1)))
                if pause(seconds: wait, lostAt: lostAt) { break }
            }
            switch play(index: index, lostAt: lostAt) {
            case .stopped:
                return
            case let .failed(failure, wasOnAir, since):
                air.withLock { $0.lastFailure = failure }
                logger.warning("stream \(configuration.urls[index]): \(failure)")
                onEvent(StreamEvent(kind: .failed(url: configuration.urls[index], failure: failure), date: clock.now()))
                if wasOnAir {
                    lostAt = since
                    pass = 0
                }
                index += 1
            }
            if !isOnFallback { lostAt = lostAt ?? clock.uptime() }
            switchToFallbackIfDue(lostAt: lostAt)
        }
    }

    /// Whether the fallback is on air.
    var isOnFallback: Bool {
        air.withLock { air in
            if case .fallback? = air.source { return true }
            return false
        }
    }

    /// Puts the fallback on air once nothing has played for `switchDeadline` seconds.
    func switchToFallbackIfDue(lostAt: Double?) {
        guard let lostAt, clock.uptime() >= lostAt + configuration.switchDeadline, !isOnFallback else { return }
        let previous = air.withLock { air in
            let previous = air.source
            air.source = .fallback(configuration.fallback)
            air.buffer = nil
            air.corrector = nil
            air.fallback.restart()
            air.switches += 1
            air.comments = []
            return previous
        }
        onEvent(StreamEvent(
            kind: .switched(from: previous, to: .fallback(configuration.fallback), cause: .deadline), date: clock.now()
        ))
    }

    /// A wait of `seconds` that watches the fallback deadline and ends early on `stop()`; true when stopped.
    func pause(seconds: Double, lostAt: Double?) -> Bool {
        let end = clock.uptime() + seconds
        while clock.uptime() < end {
            switchToFallbackIfDue(lostAt: lostAt)
            var step = end - clock.uptime()
            if let lostAt, !isOnFallback {
                step = min(step, max(0.01, lostAt + configuration.switchDeadline - clock.uptime()))
            }
            if stopSignal.wait(timeout: .now() + max(0.01, step)) == .success {
                stopSignal.signal()
                return true
            }
        }
        return isStopped
    }

    /// `base` seconds, or less when the fallback deadline comes sooner: every wait of an attempt made while nothing
    /// plays is cut at the deadline, so the fallback is never late because a server is slow to fail.
    func limit(_ base: Double, lostAt: Double?) -> Double {
        guard let lostAt, !isOnFallback else { return base }
        return max(0.05, min(base, lostAt + configuration.switchDeadline - clock.uptime()))
    }
}
