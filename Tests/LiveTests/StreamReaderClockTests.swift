import BroadcastModel
import CommuneCastTesting
import Foundation
import Logging
import StreamInput
import Testing

/// `StreamReader` on the site's injected clock: its events carry the clock's date and its timers (the retry wait and
/// the fallback deadline) run on the clock's monotonic time, so a manual clock that does not move holds them.
@Suite("StreamInput: the injected clock")
struct StreamReaderClockTests {
    @Test("events are dated by the clock, and the retry and the fallback deadline wait for the clock to move")
    func timersFollowTheClock() throws {
        let start = Date(timeIntervalSince1970: 1_930_000_000)
        let clock = ManualClock(start)
        let port = try LoopbackPort.free()
        let events = EventLog()
        let reader = StreamReader(
            configuration: StreamConfiguration(
                urls: ["http://127.0.0.1:\(port)/nothing.opus"], switchDeadline: 2.5, retryInitial: 1, retryMax: 1
            ),
            clock: clock, logger: Logger(label: "test.stream.clock"), onEvent: events.sink
        )
        reader.start()
        defer { reader.stop() }
        let failures = { events.all.filter { if case .failed = $0.event.kind { true } else { false } } }
        #expect(Poll.until(timeout: 30, every: 0.01) { failures().count >= 1 })
        #expect(failures().first?.event.date == start)

        clock.advance(by: 1.1)
        let retriedAt = clock.now()
        #expect(Poll.until(timeout: 30, every: 0.01) { failures().count >= 2 })
        #expect(failures().last?.event.date == retriedAt)
        #expect(reader.status.state == .connecting)
        #expect(events.all.allSatisfy { if case .switched = $0.event.kind { false } else { true } })

        clock.advance(by: 2)
        let dueAt = clock.now()
        let fallback = events.waitForSwitch(to: { if case .fallback = $0 { true } else { false } })
        #expect(fallback?.cause == .deadline)
        let switched = events.all.first { if case .switched = $0.event.kind { true } else { false } }
        #expect(switched?.event.date == dueAt)
        #expect(reader.status.state == .fallback)
    }
}
