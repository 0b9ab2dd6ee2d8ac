import Foundation

/// A clock tests move by hand, readable from the store's `@Sendable` clock closure.
final class ManualClock: @unchecked Sendable {
    /// Guards `current`.
    private let lock = NSLock()
    /// The time the clock shows.
    private var current: Date

    /// A clock showing `start`.
    init(_ start: Date) {
        current = start
    }

    /// The time the clock shows; set it to move the clock.
    var now: Date {
        get { lock.withLock { current } }
        set { lock.withLock { current = newValue } }
    }
}
