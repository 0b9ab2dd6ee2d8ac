import Foundation
import Logging

/// The amplifier's mains relay on a GPIO line, driven through libgpiod. The line is requested when the amplifier is
/// created and driven off, so the relay is in a known state from start-up, and held for the daemon's lifetime. When
/// the chip or line cannot be had (not wired yet, another program holds it) the reason is kept in `fault` and every
/// later switch tries again from scratch, so a relay board plugged in late starts working without a restart.
public final class GPIOAmplifier: Amplifier, @unchecked Sendable {
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
    /// Serialises switching; held while libgpiod is called.
    private let switching = NSLock()
    /// Guards `on` and `lastFault`, which health reads without waiting for a switch to finish.
    private let state = NSLock()
    private var on = false
    private var lastFault: String?
    private var line: GPIOLine?

    /// Requests the line and drives it off; a failure is logged and kept as the fault, not thrown, so the daemon
    /// still starts and plays (the amplifier may be on by hand) while health says what is wrong.
    public init(wiring: Wiring, logger: Logger) {
        self.wiring = wiring
        self.logger = logger
        switching.withLock { _ = try? drive(active: false) }
    }

    public var isOn: Bool { state.withLock { on } }

    public var fault: String? { state.withLock { lastFault } }

    public func switchOn() throws { try switching.withLock { try drive(active: true) } }

    public func switchOff() throws { try switching.withLock { try drive(active: false) } }

    /// Releases the line; the relay stays as it was last driven.
    public func close() {
        switching.withLock {
            line?.close()
            line = nil
        }
    }

    /// Drives the line, requesting it first if it is not held; called with `switching` held.
    private func drive(active: Bool) throws(AmplifierError) {
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
            let isNew = state.withLock {
                defer { lastFault = error.description }
                return lastFault != error.description
            }
            if isNew { logger.error("amplifier relay cannot be switched", metadata: ["error": "\(error)"]) }
            throw error
        }
        let recovered = state.withLock {
            defer {
                on = active
                lastFault = nil
            }
            return lastFault != nil
        }
        if recovered { logger.notice("amplifier relay works again", metadata: ["chip": "\(wiring.chip)"]) }
        logger.info("amplifier \(active ? "on" : "off")", metadata: [
            "relay": "gpio", "chip": "\(wiring.chip)", "line": "\(wiring.line)",
        ])
    }
}
