import AudioOutput
import Foundation
import SiteHardware
import Testing
import YAMLSupport

@Suite("Hardware profiles: amplifier relay and mixer keys")
struct HardwareProfileTests {
    /// The problems `text` is reported with, one per line.
    static func problems(_ text: String) -> [String] {
        do {
            _ = try HardwareProfile.parse(text, file: "p.yaml")
            return []
        } catch {
            return "\(error)".split(separator: "\n").map(String.init)
        }
    }

    @Test("a quoted \"null\" is ALSA's null device, a plain null leaves the default")
    func nullDevice() throws {
        #expect(try HardwareProfile.parse("pcm:\n  device: \"null\"\n", file: "p.yaml").device == "null")
        #expect(try HardwareProfile.parse("pcm:\n  device: 'null'\n", file: "p.yaml").device == "null")
        #expect(try HardwareProfile.parse("pcm:\n  device: null\n", file: "p.yaml").device == HardwareProfile().device)
    }

    @Test("a GPIO relay reads chip, line and active level")
    func gpio() throws {
        let profile = try HardwareProfile.parse("""
            amplifier:
              type: gpio
              chip: gpiochip0
              line: 17
              active_low: true
              warmup_ms: 800
            """, file: "p.yaml")
        #expect(profile.amplifier == .gpio)
        #expect(profile.gpioWiring == GPIOAmplifier.Wiring(chip: "gpiochip0", line: 17, activeLow: true))
        #expect(profile.amplifierTiming.warmupMilliseconds == 800)
        #expect(profile.amplifierDescription == "gpio gpiochip0 line 17 (active low)")
    }

    @Test("a command relay reads argument lists and a time limit")
    func command() throws {
        let profile = try HardwareProfile.parse("""
            amplifier:
              type: command
              on_command: [/usr/local/bin/amp-power, "on"]
              off_command:
                - /usr/local/bin/amp-power
                - "off"
              command_timeout_s: 4
            """, file: "p.yaml")
        #expect(profile.amplifierCommands == CommandAmplifier.Commands(
            on: ["/usr/local/bin/amp-power", "on"], off: ["/usr/local/bin/amp-power", "off"], timeoutSeconds: 4
        ))
    }

    @Test("the mixer control and an optional mixer device are read")
    func mixer() throws {
        let profile = try HardwareProfile.parse("mixer: {control: PCM, device: 'hw:CARD=Device'}", file: "p.yaml")
        #expect(profile.mixerControl == "PCM")
        #expect(profile.mixerDevice == "hw:CARD=Device")
    }

    @Test("a quoted \"null\" is ALSA's null device, while a bare null leaves the default")
    func quotedNull() throws {
        let quoted = try HardwareProfile.parse("pcm:\n  device: \"null\"\n", file: "p.yaml")
        #expect(quoted.device == "null")
        let single = try HardwareProfile.parse("pcm:\n  device: 'null'\n", file: "p.yaml")
        #expect(single.device == "null")
        let bare = try HardwareProfile.parse("pcm:\n  device: null\n", file: "p.yaml")
        #expect(bare.device == HardwareProfile().device)
    }

    @Test("relay problems are reported with line, key and what would be accepted", arguments: [
        ("amplifier:\n  type: gpio\n  line: 17\n", "p.yaml:2: amplifier.chip: required for type gpio"),
        ("amplifier:\n  type: gpio\n  chip: gpiochip0\n", "p.yaml:2: amplifier.line: required for type gpio"),
        ("amplifier:\n  type: gpio\n  chip: gpiochip0\n  line: seventeen\n",
         "p.yaml:4: amplifier.line: expected a whole number of line offset, got 'seventeen'"),
        ("amplifier:\n  type: gpio\n  chip: gpiochip0\n  line: 17\n  active_low: maybe\n",
         "p.yaml:5: amplifier.active_low: expected true or false, got 'maybe'"),
        ("amplifier:\n  type: command\n  on_command: /usr/local/bin/amp-power on\n  off_command: [x]\n",
         "p.yaml:3: amplifier.on_command: expected a list of arguments (run without a shell)"),
        ("amplifier:\n  type: command\n  on_command: []\n  off_command: [x]\n",
         "p.yaml:3: amplifier.on_command: the list is empty"),
        ("amplifier:\n  type: command\n  on_command: [x]\n",
         "p.yaml:2: amplifier.off_command: required for type command"),
        ("amplifier:\n  type: command\n  on_command: [x]\n  off_command: [y]\n  chip: gpiochip0\n",
         "p.yaml:5: amplifier.chip: only used with type gpio; this amplifier is type command"),
        ("amplifier:\n  type: none\n  on_command: [x]\n",
         "p.yaml:3: amplifier.on_command: only used with type command; this amplifier is type none"),
        ("amplifier:\n  type: relay\n", "p.yaml:2: amplifier.type: 'relay' is not one of none, gpio, command"),
    ])
    func problems(text: String, expected: String) {
        let found = Self.problems(text)
        #expect(found.contains { $0.hasPrefix(expected) }, "\(found)")
    }

    @Test("every shipped profile parses, and the GPIO and command profiles describe their relays")
    func shipped() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("hardware/profiles")
        let pi = try HardwareProfile.load(root.appendingPathComponent("rpi4-usb.yaml").path)
        #expect(pi.gpioWiring == GPIOAmplifier.Wiring(chip: "gpiochip0", line: 17, activeLow: true))
        #expect(pi.mixerControl == "PCM")
        let miniPC = try HardwareProfile.load(root.appendingPathComponent("x86-minipc.yaml").path)
        #expect(miniPC.amplifierCommands?.on == ["/usr/local/bin/amp-power", "on"])
        let virtual = try HardwareProfile.load(root.appendingPathComponent("virtual.yaml").path)
        #expect(virtual.amplifier == .none)
        #expect(virtual.mixerControl == nil)
    }
}
