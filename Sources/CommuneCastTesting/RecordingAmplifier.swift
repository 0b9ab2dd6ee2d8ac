import AudioOutput
import Foundation

/// An amplifier that only remembers how it was switched, for engine tests.
public final class RecordingAmplifier: Amplifier, @unchecked Sendable {
    private let lock = NSLock()
    private var on = false
    private var history: [Bool] = []

    /// Creates an amplifier that starts switched off.
    public init() {}

    public var isOn: Bool { lock.withLock { on } }

    /// Every switch, in order: true for on.
    public var switches: [Bool] { lock.withLock { history } }

    public func switchOn() throws {
        lock.withLock {
            on = true
            history.append(true)
        }
    }

    public func switchOff() throws {
        lock.withLock {
            on = false
            history.append(false)
        }
    }
}
