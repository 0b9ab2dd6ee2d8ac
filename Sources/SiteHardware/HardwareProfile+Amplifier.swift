import AudioOutput
import Logging

extension HardwareProfile {
    /// The amplifier this profile describes: a GPIO relay (the line is claimed and driven off now), a command pair,
    /// or, for `type: none`, a stand-in that only logs, so the journal still shows when the engine wanted sound.
    public func makeAmplifier(logger: Logger) -> any Amplifier {
        switch amplifier {
        case .gpio:
            if let gpioWiring { return GPIOAmplifier(wiring: gpioWiring, logger: logger) }
        case .command:
            if let amplifierCommands { return CommandAmplifier(commands: amplifierCommands, logger: logger) }
        case .none:
            break
        }
        return LoggingAmplifier(kind: amplifier, logger: logger)
    }

    /// How the relay is switched, for people: "gpio gpiochip0 line 17 (active low)", "command /usr/local/bin/amp-power
    /// on", "none (no relay)".
    public var amplifierDescription: String {
        switch amplifier {
        case .gpio:
            guard let wiring = gpioWiring else { return "gpio" }
            return "gpio \(wiring.chip) line \(wiring.line)\(wiring.activeLow ? " (active low)" : "")"
        case .command:
            return "command \(amplifierCommands?.on.joined(separator: " ") ?? "")"
        case .none:
            return "none (no relay)"
        }
    }
}
