@testable import AudioOutput
import CommuneCastTesting
import Foundation
import Logging
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The relay drivers. There is no GPIO chip in the test machine (and no gpio-sim module to make one), so the GPIO
/// amplifier is tested on its failure paths against the real libgpiod; the command amplifier runs real programs.
@Suite("Amplifier relays: libgpiod and commands")
struct AmplifierTests {
    static var logger: Logger { TestLog().logger }

    @Test("a GPIO chip that does not exist is a fault naming the chip, and every switch tries again", arguments: [
        "gpiochip9", "/dev/gpiochip9",
    ])
    func missingChip(chip: String) {
        let log = TestLog()
        let amplifier = GPIOAmplifier(wiring: .init(chip: chip, line: 17, activeLow: true), logger: log.logger)
        #expect(!amplifier.isOn)
        let fault = amplifier.fault ?? ""
        #expect(fault.hasPrefix("GPIO chip '\(chip)' cannot be opened: "), "\(fault)")
        #expect(fault.contains("gpiodetect"), "\(fault)")
        #expect {
            try amplifier.switchOn()
        } throws: { error in
            guard case .chipUnavailable(let named, _) = error as? AmplifierError else { return false }
            return named == chip
        }
        #expect(!amplifier.isOn)
        #expect(amplifier.fault == fault)
        // The same fault again is not logged again: a relay retried every few seconds must not flood the journal.
        #expect(log.records == ["error amplifier relay cannot be switched error=\(fault)"])
    }

    @Test("a file that is not a GPIO chip is refused by libgpiod with its reason")
    func notAChip() {
        let amplifier = GPIOAmplifier(wiring: .init(chip: "/dev/null", line: 0, activeLow: false), logger: Self.logger)
        let fault = amplifier.fault ?? ""
        #expect(fault.hasPrefix("GPIO chip '/dev/null' cannot be opened: "), "\(fault)")
        #expect(throws: AmplifierError.self) { try amplifier.switchOn() }
    }

    @Test("on and off commands run without a shell, in order, and switch the state")
    func commandsRun() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let log = directory.file("relay.log")
        let journal = TestLog()
        let amplifier = CommandAmplifier(commands: .init(
            on: ["/bin/sh", "-c", "echo \"$0\" >> \"$1\"", "on; not a shell", log],
            off: ["/bin/sh", "-c", "echo \"$0\" >> \"$1\"", "off", log]
        ), logger: journal.logger)
        #expect(!amplifier.isOn)
        try amplifier.switchOn()
        #expect(amplifier.isOn)
        try amplifier.switchOff()
        #expect(!amplifier.isOn)
        #expect(amplifier.fault == nil)
        #expect(try String(contentsOfFile: log, encoding: .utf8) == "on; not a shell\noff\n")
        #expect(journal.records == ["info amplifier on relay=command", "info amplifier off relay=command"])
    }

    @Test("a failing command is a fault with its status and what it printed; the state does not change")
    func commandFails() throws {
        let journal = TestLog()
        let amplifier = CommandAmplifier(commands: .init(
            on: ["/bin/sh", "-c", "echo relay jammed >&2; exit 3"], off: ["/bin/true"]
        ), logger: journal.logger)
        #expect {
            try amplifier.switchOn()
        } throws: { error in
            "\(error)" == "amplifier on_command '/bin/sh -c echo relay jammed >&2; exit 3' exited with status 3: "
                + "relay jammed"
        }
        #expect(!amplifier.isOn)
        #expect(amplifier.fault?.contains("exited with status 3: relay jammed") == true)
        #expect(journal.records.first?.hasPrefix("error amplifier relay cannot be switched error=amplifier on_command")
                == true, "\(journal.records)")
        try amplifier.switchOff()
        #expect(amplifier.fault == nil)
    }

    @Test("a command that hangs is killed at the time limit")
    func commandTimesOut() {
        let amplifier = CommandAmplifier(commands: .init(
            on: ["/bin/sh", "-c", "sleep 30"], off: ["/bin/true"], timeoutSeconds: 0.3
        ), logger: Self.logger)
        let started = Date()
        #expect(throws: AmplifierError.self) { try amplifier.switchOn() }
        // Killed at the limit, not waited for: far less than the command's 30 s even on a loaded machine.
        #expect(Date().timeIntervalSince(started) < 15)
        #expect(amplifier.fault?.hasSuffix("did not finish within 0.3 s and was killed") == true,
                "\(amplifier.fault ?? "")")
        #expect(!amplifier.isOn)
    }

    @Test("a program that does not exist cannot be started, and says so")
    func commandMissing() {
        let amplifier = CommandAmplifier(commands: .init(on: ["/nonexistent/amp-power", "on"], off: ["/bin/true"]),
                                         logger: Self.logger)
        #expect(throws: AmplifierError.self) { try amplifier.switchOn() }
        #expect(amplifier.fault == "amplifier on_command '/nonexistent/amp-power on' cannot be started: "
                + "No such file or directory")
    }

    @Test("commands start with default signal handling even when the daemon ignores SIGHUP and SIGPIPE")
    func commandSignals() throws {
        let saved = (signal(SIGHUP, SIG_IGN), signal(SIGPIPE, SIG_IGN))
        defer {
            signal(SIGHUP, saved.0)
            signal(SIGPIPE, saved.1)
        }
        let output = try BoundedCommand.run(["/bin/grep", "SigIgn", "/proc/self/status"], timeout: 60)
        let mask = UInt64(output.split(separator: "\t").last ?? "", radix: 16) ?? .max
        #expect(mask & (1 << (UInt64(SIGHUP) - 1)) == 0, "\(output)")
        #expect(mask & (1 << (UInt64(SIGPIPE) - 1)) == 0, "\(output)")
    }
}
