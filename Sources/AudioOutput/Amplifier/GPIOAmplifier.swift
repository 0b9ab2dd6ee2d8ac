import Foundation
import Logging
import Synchronization

/// The amplifier's mains relay on a GPIO line, driven through libgpiod. The line is requested when the amplifier is
/// created and driven off, so the relay is in a known state from start-up, and held for the daemon's lifetime. When
/// the chip or line cannot be had (not wired yet, another program holds it) the reason is kept in `fault` and every
/// later switch tries again from scratch, so a relay board plugged in late starts working without a restart.
public final class GPIOAmplifier: Amplifier, Sendable {
    /// Where the relay is wired.
    public struct Wiring: Sendable, Equatable {
        /// Chip name, path, number or label (`gpiochip0`, `/dev/gpiochip0`, `0`, `pinctrl-bcm2711`).
        public var chip: String
        /// Line offset on the chip (BCM numbering on a Raspberry Pi).
        public var line: Int
        /// True for relay boards that energise when the input is pulled low, which most cheap boards do.
        public var activeLow: Bool

        /// Describes the wiring.
        public init(chip: String, line: Int, activeLow: Bool) {
            self.chip = chip
            self.line = line
            self.activeLow = activeLow
        }
    }

    /// The consumer label the line carries, as `gpioinfo` shows it.
    public static let consumer = "communecastd"

    /// The configured wiring.
    public let wiring: Wiring
    private let logger: Logger
    /// The line while it is held; its lock serialises switching and is held while libgpiod is called.
    private let line = Mutex<GPIOLine?>(nil)
    /// Whether the relay is on and the last fault, which health reads without waiting for a switch to finish.
    private let state = Mutex(RelayState())

    /// Requests the line and drives it off; a failure is logged and kept as the fault, not thrown, so the daemon
    /// still starts and plays (the amplifier may be on by hand) while health says what is wrong.
    public init(wiring: Wiring, logger: Logger) {
        self.wiring = wiring
        self.logger = logger
        line.withLock { _ = try? drive(active: false, line: &$0) }
    }

    public var isOn: Bool { state.withLock { $0.on } }

    public var fault: String? { state.withLock { $0.lastFault } }

    public func switchOn() throws { try line.withLock { (held) throws(AmplifierError) in try drive(active: true, line: &held) } }

    public func switchOff() throws { try line.withLock { (held) throws(AmplifierError) in try drive(active: false, line: &held) } }

    /// Releases the line; the relay stays as it was last driven.
    public func close() {
        line.withLock { held in
            held?.close()
            held = nil
        }
    }

    /// Drives the line, requesting it first if it is not held; called with the line's lock held.
    private func drive(active: Bool, line: inout GPIOLine?) throws(AmplifierError) {
        do {
            if let line {
                try line.set(active: active)
            } else {
                line = try GPIOLine(chip: wiring.chip, offset: wiring.line, activeLow: wiring.activeLow,
                                    consumer: Self.consumer, active: active)
            }
        } catch {
            line?.close()
            line = nil
            let isNew = state.withLock { state in
                defer { state.lastFault = error.description }
                return state.lastFault != error.description
            }
            if isNew { logger.error("amplifier relay cannot be switched", metadata: ["error": "\(error)"]) }
            throw error
        }
        let recovered = state.withLock { state in
            defer { state = RelayState(on: active, lastFault: nil) }
            return state.lastFault != nil
        }
        if recovered { logger.notice("amplifier relay works again", metadata: ["chip": "\(wiring.chip)"]) }
        logger.info("amplifier \(active ? "on" : "off")", metadata: [
            "relay": "gpio", "chip": "\(wiring.chip)", "line": "\(wiring.line)",
        ])
    }
}
