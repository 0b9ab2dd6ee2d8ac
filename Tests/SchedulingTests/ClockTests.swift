import BroadcastModel
import Foundation
import Testing
@testable import Scheduling

@Suite("Clocks")
struct ClockTests {
    @Test("a manual clock only moves when told to, in either direction")
    func manualClock() {
        let start = TestSupport.instant("2026-12-01T00:00:00Z")
        let clock = ManualClock(start)
        #expect(clock.now() == start)
        clock.advance(by: 90)
        #expect(clock.now() == start + 90)
        clock.advance(by: -3600)
        #expect(clock.now() == start - 3510)
        clock.set(start)
        #expect(clock.now() == start)
    }
}
