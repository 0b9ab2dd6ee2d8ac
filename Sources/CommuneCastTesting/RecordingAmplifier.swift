import AudioOutput
import Foundation

/// An amplifier that only remembers how it was switched, for engine tests; it can be told to fail like a relay
/// whose GPIO chip or command is missing.
public final class RecordingAmplifier: Amplifier, @unchecked Sendable {
    /// What a failing switch throws.
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    private let lock = NSLock()
    private var on = false
    private var history: [Bool] = []
    private var attempts: [Double] = []
    private var failing: String?
    private var lastFault: String?

    /// Creates an amplifier that starts switched off.
    public init() {}

    public var isOn: Bool { lock.withLock { on } }

    public var fault: String? { lock.withLock { lastFault } }

    /// Every successful switch, in order: true for on.
    public var switches: [Bool] { lock.withLock { history } }

    /// Every switch asked for, including those that failed.
    public var attemptCount: Int { lock.withLock { attempts.count } }

    /// When switch `index` (from 0) was asked for, on the monotonic clock, so tests can check how retries are paced.
    public func attemptTime(_ index: Int) -> Double { lock.withLock { attempts[index] } }

    /// Makes every switch fail with `reason` from now on; nil makes them work again.
    public func fail(with reason: String?) { lock.withLock { failing = reason } }

    public func switchOn() throws { try record(true) }

    public func switchOff() throws { try record(false) }

    private func record(_ value: Bool) throws {
        try lock.withLock {
            attempts.append(WallClockPacer.monotonicNow())
            if let failing {
                lastFault = failing
                throw Failure(description: failing)
            }
            lastFault = nil
            on = value
            history.append(value)
        }
    }
}
