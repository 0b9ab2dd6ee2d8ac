/// When to try again after a failure: exponential backoff with full jitter (AWS's "Exponential Backoff and
/// Jitter"). After the n-th failed round the ceiling is `initialCeiling × 2ⁿ⁻¹`, at most `maximumCeiling`, and the
/// wait is drawn uniformly between `minimumDelay` and the ceiling. So 3,400 sites that lost the broker at the same
/// instant come back spread over the ceiling instead of in lock-step, and a broker that stays away is tried about
/// every 2.5 minutes on average, never in a tight loop.
public struct ReconnectPolicy: Sendable, Equatable {
    /// The ceiling after the first failure: 2 s.
    public var initialCeiling: Duration
    /// The largest ceiling: 5 min.
    public var maximumCeiling: Duration
    /// The shortest wait, so a failure that comes back at once (a refused TCP connection) never spins.
    public var minimumDelay: Duration
    /// A connection that stayed up this long was a success: the next failure starts again from the first ceiling.
    public var stableAfter: Duration

    /// The policy of docs/call-home.md: 2 s growing to 5 min, at least 0.25 s, reset after a minute connected.
    public init(initialCeiling: Duration = .seconds(2), maximumCeiling: Duration = .seconds(300),
                minimumDelay: Duration = .milliseconds(250), stableAfter: Duration = .seconds(60)) {
        self.initialCeiling = initialCeiling
        self.maximumCeiling = max(initialCeiling, maximumCeiling)
        self.minimumDelay = min(minimumDelay, initialCeiling)
        self.stableAfter = stableAfter
    }

    /// The ceiling after `failures` failed rounds (1 or more).
    public func ceiling(afterFailures failures: Int) -> Duration {
        var ceiling = initialCeiling
        var doublings = max(0, failures - 1)
        while doublings > 0, ceiling < maximumCeiling {
            ceiling *= 2
            doublings -= 1
        }
        return min(ceiling, maximumCeiling)
    }

    /// The wait after `failures` failed rounds, drawn from `random`.
    public func delay(afterFailures failures: Int, using random: inout some RandomNumberGenerator) -> Duration {
        let ceiling = ceiling(afterFailures: failures)
        let span = Double((ceiling - minimumDelay) / .nanoseconds(1))
        let drawn = Double.random(in: 0...1, using: &random) * span
        return minimumDelay + .nanoseconds(Int64(drawn))
    }
}
