import Logging
import NIOCore
import Synchronization

/// Logs connections refused for want of a budget at a bounded rate (see `RefusalTally`): someone who opens
/// thousands of connections fills the log with one line per interval, not one per connection.
final class RefusalLog: Sendable {
    private let tally = Mutex(RefusalTally())
    private let interval: Duration
    private let eventLoop: any EventLoop
    private let logger: Logger

    /// Creates the log; `interval` is how often at most a summary line is written, timed on `eventLoop`.
    init(interval: Duration, eventLoop: any EventLoop, logger: Logger) {
        self.interval = interval
        self.eventLoop = eventLoop
        self.logger = logger
    }

    /// Records that connection `id` (from `remote`, for TLS) was closed for `reason`.
    func record(_ reason: RefusalReason, connection id: Int, remote: String?) {
        guard tally.withLock({ $0.record(reason) }) else { return }
        var metadata: Logger.Metadata = ["conn": "\(id)", "reason": "\(reason)", "summary_every": "\(interval)"]
        if let remote { metadata["remote"] = "\(remote)" }
        logger.warning("refusing connection: its budget is full; further refusals are counted", metadata: metadata)
        scheduleSummary()
    }

    private func scheduleSummary() {
        eventLoop.scheduleTask(in: TimeAmount(interval)) { [self] in
            guard let counts = tally.withLock({ $0.endInterval() }) else { return }
            var metadata: Logger.Metadata = ["count": "\(counts.values.reduce(0, +))", "interval": "\(interval)"]
            for (reason, count) in counts { metadata[reason.key] = "\(count)" }
            logger.warning("refused connections: their budgets were full", metadata: metadata)
            scheduleSummary()
        }
    }
}
