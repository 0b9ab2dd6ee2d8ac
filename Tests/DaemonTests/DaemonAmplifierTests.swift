import CommuneCastTesting
import Foundation
import Testing

/// The amplifier relay through the real daemon: a GPIO relay whose chip is missing (this machine has no GPIO chip,
/// as most test machines do not) and a relay switched by commands.
@Suite("communecastd: the amplifier relay", .serialized)
struct DaemonAmplifierTests {
    static func amplifier(_ health: [String: Any]) -> [String: Any] { health["amplifier"] as? [String: Any] ?? [:] }

    /// A relay switched by commands that write `on` and `off` lines to `log`, for tests that watch the amplifier.
    static func commandRelay(log: String) -> [String] {
        [
            "type: command", "holdoff_s: 0.5", "warmup_ms: 200",
            "on_command: [/bin/sh, -c, 'echo on >> \"$0\"', \(log)]",
            "off_command: [/bin/sh, -c, 'echo off >> \"$0\"', \(log)]",
        ]
    }

    /// Runs `body` with a started daemon whose relay is switched by commands that log to the file it is given, with
    /// half a second of audio stored as "normal".
    static func withCommandRelay(_ body: (DaemonHarness, _ relayLog: String) throws -> Void) throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let log = directory.file("relay.log")
        let daemon = try DaemonHarness(amplifier: commandRelay(log: log))
        defer { daemon.cleanUp() }
        try daemon.start()
        try DaemonDeviceFaultTests.upload(daemon, seconds: 0.5)
        try body(daemon, log)
    }

    @Test("a GPIO relay whose chip is missing shows in health with the chip's name, and audio still airs")
    func gpioChipMissing() throws {
        let daemon = try DaemonHarness(amplifier: [
            "type: gpio", "chip: gpiochip7", "line: 17", "active_low: true", "holdoff_s: 1",
        ])
        defer { daemon.cleanUp() }
        try daemon.start()
        let error = Self.amplifier(try daemon.health())["error"] as? String ?? ""
        #expect(error.hasPrefix("GPIO chip 'gpiochip7' cannot be opened: "), "\(error)")
        let table = try daemon.cli(["health"]).standardOutput
        #expect(table.contains("amplifier off; CANNOT SWITCH: GPIO chip 'gpiochip7'"), "\(table)")

        try DaemonDeviceFaultTests.upload(daemon, seconds: 0.5)
        #expect(try daemon.cli(["play", "normal"]).status == 0)
        #expect(try daemon.wait { try outcomes(daemon.asRun(), source: "play:") == ["aired"] })
        let amplifier = Self.amplifier(try daemon.health())
        #expect(amplifier["on"] as? Bool == false)
        #expect((amplifier["error"] as? String)?.hasPrefix("GPIO chip 'gpiochip7'") == true)
        #expect(daemon.log.contains("amplifier relay cannot be switched"))
    }

    @Test("a command relay is switched on before the item and off after the hold-off, with no error in health")
    func commandRelay() throws {
        try Self.withCommandRelay { daemon, log in
            #expect(try daemon.cli(["play", "normal"]).status == 0)
            #expect(try daemon.wait { try outcomes(daemon.asRun(), source: "play:") == ["aired"] })
            #expect(daemon.wait { (try? String(contentsOfFile: log, encoding: .utf8)) == "on\noff\n" })
            let amplifier = Self.amplifier(try daemon.health())
            #expect(amplifier["on"] as? Bool == false)
            #expect(amplifier["error"] == nil)
        }
    }

    @Test("a programme that quiet hours skip never switches the relay on: no click at night for nothing")
    func quietHoursKeepRelayOff() throws {
        try Self.withCommandRelay { daemon, log in
            let quiet = "{from: \"\(ScheduleSupport.clock(Date().addingTimeInterval(-60)))\", "
                + "to: \"\(ScheduleSupport.clock(Date().addingTimeInterval(3_600)))\"}"
            try ScheduleSupport.reload(daemon) { due in
                ["dem": ScheduleSupport.yaml(quietHours: quiet, [("tin-khuya", "normal", due, "")])]
            }
            #expect(try daemon.wait {
                try ScheduleSupport.entries(daemon.asRun(), programme: "tin-khuya").first?["outcome"] as? String
                    == "skipped"
            }, "\(daemon.log)")
            #expect(((try? String(contentsOfFile: log, encoding: .utf8)) ?? "").isEmpty,
                    "the relay was switched for a programme quiet hours skipped")
        }
    }

    @Test("a failing on_command shows in health with its status and output, and audio still airs")
    func commandFails() throws {
        let daemon = try DaemonHarness(amplifier: [
            "type: command", "on_command: [/bin/sh, -c, 'echo relay board not answering >&2; exit 2']",
            "off_command: [/bin/true]",
        ])
        defer { daemon.cleanUp() }
        try daemon.start()
        try DaemonDeviceFaultTests.upload(daemon, seconds: 0.5)
        #expect(try daemon.cli(["play", "normal"]).status == 0)
        #expect(try daemon.wait { try outcomes(daemon.asRun(), source: "play:") == ["aired"] })
        let error = Self.amplifier(try daemon.health())["error"] as? String ?? ""
        #expect(error.hasPrefix("amplifier on_command '/bin/sh -c ") && error.hasSuffix(
            "exited with status 2: relay board not answering"), "\(error)")
    }
}
