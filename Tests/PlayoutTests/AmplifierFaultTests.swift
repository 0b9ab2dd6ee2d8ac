import AudioOutput
import CommuneCastTesting
import Foundation
import Playout
import Testing

/// The engine with a relay that cannot be switched (a GPIO chip that is missing, a command that fails): audio still
/// airs, health carries the reason, and the idle loop retries at the device retry interval instead of spinning.
@Suite("Playout engine with a failing amplifier relay", .serialized)
struct AmplifierFaultTests {
    @Test("a relay that cannot be switched on is reported, the item still airs, and retries are paced")
    func cannotSwitchOn() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let media = try MediaFixtures.sine(frequency: 440, seconds: 0.3, at: directory.file("n.opus"))
        let events = EventLog()
        let amplifier = RecordingAmplifier()
        let reason = "GPIO chip 'gpiochip0' cannot be opened: No such file or directory"
        amplifier.fail(with: reason)
        let engine = PlayoutEngineTests.engine(capture: directory.file("air.raw"), events: events,
                                               amplifier: amplifier, retry: 0.3)
        engine.start()
        defer { engine.shutdown() }
        engine.enqueue(PlayoutItem(source: .play(id: "a"), level: .normal, mediaPath: media))
        #expect(events.wait { $0.contains { $0.kind == .aired } })
        let snapshot = engine.snapshot()
        #expect(snapshot.amplifierFault == reason)
        #expect(!snapshot.amplifierOn)

        // A programme due soon asks for the amplifier to be warmed up; the failing relay is retried, at most every
        // 0.3 s. The warm-up lasts long enough for two retries on a loaded machine.
        engine.warmUp(until: Date().addingTimeInterval(10))
        let before = amplifier.attemptCount
        #expect(events.wait { _ in amplifier.attemptCount >= before + 3 })
        let took = amplifier.attemptTime(before + 2) - amplifier.attemptTime(before)
        #expect(took >= 2 * 0.3 * 0.95, "two retries took \(took) s with a 0.3 s retry interval")

        amplifier.fail(with: nil)
        #expect(events.wait { _ in amplifier.isOn })
        #expect(engine.snapshot().amplifierFault == nil)
        #expect(events.wait { _ in !amplifier.isOn })
        #expect(amplifier.switches == [true, false])
    }

    @Test("a relay that will not switch off stays reported on, and is retried until it does")
    func cannotSwitchOff() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let media = try MediaFixtures.sine(frequency: 440, seconds: 0.5, at: directory.file("n.opus"))
        let events = EventLog()
        let amplifier = RecordingAmplifier()
        let engine = PlayoutEngineTests.engine(capture: directory.file("air.raw"), events: events,
                                               amplifier: amplifier, retry: 0.3)
        engine.start()
        defer { engine.shutdown() }
        engine.enqueue(PlayoutItem(source: .play(id: "a"), level: .normal, mediaPath: media))
        #expect(events.wait { $0.contains { $0.kind == .started } })
        let reason = "amplifier off_command '/usr/local/bin/amp-power off' exited with status 1"
        amplifier.fail(with: reason)
        #expect(events.wait { $0.contains { $0.kind == .aired } })
        #expect(events.wait { _ in engine.snapshot().amplifierFault == reason })
        // Retried at most every 0.3 s, and the relay is still reported on meanwhile.
        let before = amplifier.attemptCount
        #expect(events.wait { _ in amplifier.attemptCount >= before + 3 })
        let took = amplifier.attemptTime(before + 2) - amplifier.attemptTime(before)
        #expect(took >= 2 * 0.3 * 0.95, "two retries took \(took) s with a 0.3 s retry interval")
        #expect(engine.snapshot().amplifierOn)

        amplifier.fail(with: nil)
        #expect(events.wait { _ in !amplifier.isOn })
        #expect(engine.snapshot().amplifierFault == nil)
        #expect(amplifier.switches == [true, false])
    }
}
