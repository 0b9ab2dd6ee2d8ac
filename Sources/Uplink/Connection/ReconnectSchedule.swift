/// Which broker to try next and when, across failures and failover (docs/call-home.md, "Reconnecting").
///
/// A round tries every broker once, starting with the one that last worked. Within a round the next broker is tried
/// at once, so a dead first broker costs no waiting; when the whole round failed, the wait is drawn from the policy.
/// A lost connection also waits (the first ceiling, unless it had just been made), so sites that lose a broker
/// together do not all hit the second broker in the same second.
struct ReconnectSchedule {
    private let policy: ReconnectPolicy
    private let brokerCount: Int
    private var random: any RandomNumberGenerator
    /// The broker the next attempt goes to.
    private(set) var brokerIndex = 0
    /// Failed rounds in a row.
    private(set) var failedRounds = 0
    private var triedThisRound = 0
    private var connectedAt: ContinuousClock.Instant?

    /// A schedule over `brokerCount` brokers; the first attempt goes to the first broker at once.
    init(policy: ReconnectPolicy, brokerCount: Int, random: any RandomNumberGenerator) {
        self.policy = policy
        self.brokerCount = max(1, brokerCount)
        self.random = random
    }

    /// An attempt reached CONNACK: this broker is the one to come back to.
    mutating func connected(at now: ContinuousClock.Instant) {
        connectedAt = now
        triedThisRound = 0
    }

    /// The attempt failed before CONNACK: returns how long to wait before the next one (zero to go straight to the
    /// next broker of this round). After a whole round the index is back at the broker the round started with.
    mutating func attemptFailed() -> Duration {
        triedThisRound += 1
        brokerIndex = (brokerIndex + 1) % brokerCount
        if triedThisRound < brokerCount { return .zero }
        triedThisRound = 0
        failedRounds += 1
        return policy.delay(afterFailures: failedRounds, using: &random)
    }

    /// An established connection ended at `now`: returns how long to wait before trying the same broker again.
    mutating func connectionLost(at now: ContinuousClock.Instant) -> Duration {
        if let connectedAt, now - connectedAt >= policy.stableAfter { failedRounds = 0 }
        connectedAt = nil
        triedThisRound = 0
        failedRounds += 1
        return policy.delay(afterFailures: failedRounds, using: &random)
    }
}
