import BroadcastModel
import Foundation
import Logging
import Store
import Synchronization

/// Writes the audit log and keeps it within its ``AuditRetention`` (issue 12). An entry is written as the call ends;
/// pruning runs on a queue of its own, every hour and after every ``pruneEvery`` entries or a tenth of the rows kept,
/// whichever is fewer (a flood of refused calls is pruned as it comes, not once an hour), in short transactions, so
/// it never holds up a call or the as-run log.
final class AuditTrail: Sendable {
    /// How many entries are written between two prunings at most.
    static let pruneEvery = 500
    /// How often the log is pruned when little is written.
    static let interval: Duration = .seconds(3_600)

    private let store: Store
    private let logger: Logger
    /// The site's one wall clock: what is older than the retention.
    private let clock: any Clock
    private let work = SerialWork(label: "communecast-audit")
    /// The retention in force, the entries written since the last pruning, and whether one is queued.
    private let state: Mutex<(retention: AuditRetention, written: Int, queued: Bool)>

    /// A trail writing to `store`, kept within `retention` (the `audit:` keys of `communecastd.yaml`).
    init(store: Store, retention: AuditRetention, clock: any Clock, logger: Logger) {
        self.store = store
        self.clock = clock
        self.logger = logger
        state = Mutex((retention, 0, false))
    }

    /// Takes a new retention (a configuration reload) and applies it at once.
    func setRetention(_ retention: AuditRetention) {
        state.withLock { $0.retention = retention }
        prune()
    }

    /// Writes one entry; every ``pruneEvery`` entries, queues a pruning.
    func append(_ entry: AuditEntry) {
        do {
            _ = try store.appendAudit(entry)
        } catch {
            logger.error("cannot write the audit log", metadata: ["error": "\(error)"])
        }
        let due = state.withLock { state -> Bool in
            state.written += 1
            return state.written >= min(Self.pruneEvery, state.retention.maximumRowsWithoutRole)
        }
        if due { prune() }
    }

    /// Prunes now and then every ``interval`` until the task is cancelled (graceful shutdown).
    func run() async {
        while !Task.isCancelled {
            prune()
            try? await Task.sleep(for: Self.interval)
        }
    }

    /// Queues a pruning unless one is queued already.
    func prune() {
        let queued = state.withLock { state -> Bool in
            defer { state.queued = true }
            return state.queued
        }
        guard !queued else { return }
        work.enqueue { [self] in
            let retention = state.withLock { state -> AuditRetention in
                state.queued = false
                state.written = 0
                return state.retention
            }
            do {
                let deleted = try store.pruneAudit(retention, now: clock.now())
                if deleted > 0 {
                    logger.info("audit log pruned", metadata: [
                        "deleted": "\(deleted)", "max_age_days": "\(retention.maximumAgeDays)",
                        "max_rows": "\(retention.maximumRows)",
                    ])
                }
            } catch {
                logger.error("cannot prune the audit log", metadata: ["error": "\(error)"])
            }
        }
    }
}
