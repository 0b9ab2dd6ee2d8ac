import AudioOutput
import Foundation
import Synchronization

/// An amplifier that only remembers how it was switched, for engine tests; it can be told to fail like a relay
/// whose GPIO chip or command is missing.
public final class RecordingAmplifier: Amplifier, Sendable {
    /// What a failing switch throws.
    public struct Failure: Error, CustomStringConvertible, Sendable {
        public let description: String
    }

    /// Everything the amplifier remembers, behind one mutex.
    private struct Record {
        var on = false
        var history: [Bool] = []
        var attempts: [Double] = []
        var failing: String?
        var lastFault: String?
    }

    private let record = Mutex(Record())

    /// Creates an amplifier that starts switched off.
    public init() {}

    public var isOn: Bool { record.withLock { $0.on } }

    public var fault: String? { record.withLock { $0.lastFault } }

    /// Every successful switch, in order: true for on.
    public var switches: [Bool] { record.withLock { $0.history } }

    /// Every switch asked for, including those that failed.
    public var attemptCount: Int { record.withLock { $0.attempts.count } }

    /// When switch `index` (from 0) was asked for, on the monotonic clock, so tests can check how retries are paced.
    public func attemptTime(_ index: Int) -> Double { record.withLock { $0.attempts[index] } }

    /// Makes every switch fail with `reason` from now on; nil makes them work again.
    public func fail(with reason: String?) { record.withLock { $0.failing = reason } }

    public func switchOn() throws { try switchTo(true) }

    public func switchOff() throws { try switchTo(false) }

    private func switchTo(_ value: Bool) throws(Failure) {
        try record.withLock { (record) throws(Failure) in
            record.attempts.append(WallClockPacer.monotonicNow())
            if let failing = record.failing {
                record.lastFault = failing
                throw Failure(description: failing)
            }
            record.lastFault = nil
            record.on = value
            record.history.append(value)
        }
    }
}
