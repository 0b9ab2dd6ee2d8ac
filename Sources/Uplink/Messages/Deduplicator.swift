/// Remembers the messages delivered recently, so a redelivery (a retained alert sent again on every subscribe, a
/// QoS 1 resend, the same alert from the second broker) reaches the application once. Bounded both ways: at most
/// `capacity` keys, each for `lifetime`; the oldest goes first.
struct Deduplicator {
    private let capacity: Int
    private let lifetime: Duration
    private var expiries: [DeliveryKey: ContinuousClock.Instant] = [:]
    private var order: [(DeliveryKey, ContinuousClock.Instant)] = []
    private var head = 0

    /// Keeps up to `capacity` keys (0: keep none, deliver everything) for `lifetime` each.
    init(capacity: Int, lifetime: Duration) {
        self.capacity = max(0, capacity)
        self.lifetime = lifetime
    }

    /// True the first time `key` is seen (within its lifetime): deliver. False for a copy: drop.
    mutating func admit(_ key: DeliveryKey, now: ContinuousClock.Instant) -> Bool {
        guard capacity > 0 else { return true }
        forgetExpired(now: now)
        if let expiry = expiries[key], expiry > now { return false }
        let expiry = now + lifetime
        expiries[key] = expiry
        order.append((key, expiry))
        while expiries.count > capacity { forgetOldest() }
        return true
    }

    /// How many keys are remembered.
    var count: Int { expiries.count }

    private mutating func forgetExpired(now: ContinuousClock.Instant) {
        while head < order.count, order[head].1 <= now { forgetOldest() }
    }

    private mutating func forgetOldest() {
        guard head < order.count else { return }
        let (key, expiry) = order[head]
        head += 1
        if expiries[key] == expiry { expiries[key] = nil }
        if head > 1_024, head * 2 > order.count {
            order.removeFirst(head)
            head = 0
        }
    }
}
