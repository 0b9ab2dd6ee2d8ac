import AudioOutput
import YAMLSupport

extension HardwareProfile {
    /// Reads the `amplifier` mapping: timing for every kind, then the keys of the chosen kind, reporting keys that
    /// belong to another kind (a `chip` under `type: command` is a profile that does not do what its author meant).
    static func parseAmplifier(_ amplifier: YAMLMap, into profile: inout HardwareProfile) {
        profile.amplifier = AmplifierKind(
            rawValue: amplifier.choice("type", default: "none", from: ["none", "gpio", "command"])
        ) ?? .none
        profile.amplifierTiming = AmplifierTiming(
            warmupMilliseconds: amplifier.int("warmup_ms", default: 0, in: 0...10_000, unit: "ms"),
            holdoffSeconds: amplifier.double("holdoff_s", default: 30, in: 0...3_600, unit: "seconds")
        )
        let gpioKeys = ["chip", "line", "active_low"]
        let commandKeys = ["on_command", "off_command", "command_timeout_s"]
        let foreign: [String]
        switch profile.amplifier {
        case .gpio:
            foreign = commandKeys
            let chip = amplifier.string("chip")
            if chip == nil {
                amplifier.report("chip", "required for type gpio: a chip name, path or label such as gpiochip0 "
                                 + "(list them with gpiodetect)")
            }
            if amplifier.node("line") == nil {
                amplifier.report("line", "required for type gpio: the line offset, e.g. 17 for BCM GPIO 17")
            }
            let line = amplifier.int("line", default: 0, in: 0...1_023, unit: "line offset")
            let activeLow = amplifier.bool("active_low", default: false)
            profile.gpioWiring = chip.map { GPIOAmplifier.Wiring(chip: $0, line: line, activeLow: activeLow) }
        case .command:
            foreign = gpioKeys
            let on = commandLine(amplifier, "on_command")
            let off = commandLine(amplifier, "off_command")
            let timeout = amplifier.double("command_timeout_s", default: 10, in: 0.1...120, unit: "seconds")
            if let on, let off {
                profile.amplifierCommands = CommandAmplifier.Commands(on: on, off: off, timeoutSeconds: timeout)
            }
        case .none:
            foreign = gpioKeys + commandKeys
        }
        for key in foreign where amplifier.node(key) != nil {
            let owner = gpioKeys.contains(key) ? "gpio" : "command"
            amplifier.report(key, "only used with type \(owner); this amplifier is type \(profile.amplifier.rawValue)",
                             at: amplifier.node(key))
        }
        amplifier.finish()
    }

    /// A required argument list: the program and its arguments, run without a shell.
    private static func commandLine(_ map: YAMLMap, _ key: String) -> [String]? {
        let example = "e.g. [/usr/local/bin/amp-power, on]"
        guard let node = map.node(key) else {
            map.report(key, "required for type command: the program and its arguments as a list, \(example)")
            return nil
        }
        guard node.sequence != nil else {
            map.report(key, "expected a list of arguments (run without a shell), \(example)", at: node)
            return nil
        }
        let arguments = map.strings(key)
        guard let program = arguments.first, !program.isEmpty else {
            map.report(key, "the list is empty; give at least the program, \(example)", at: node)
            return nil
        }
        if ExecutableSearch.find(program) == nil {
            let place = program.contains("/") ? "is not an executable file" : "is not on PATH"
            map.warn(key, "\(program) \(place); the amplifier cannot be switched until it is installed", at: node)
        }
        return arguments
    }
}
