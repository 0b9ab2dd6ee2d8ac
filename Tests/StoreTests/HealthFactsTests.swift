import BroadcastModel
import Foundation
import Synchronization
import Testing
@testable import Store

@Suite("Store: the facts health keeps in memory, observed as they change")
struct HealthFactsTests {
    /// Every value an observation delivered, in order.
    final class Deliveries<Value: Sendable>: Sendable {
        private let values = Mutex<[Value]>([])

        func append(_ result: Result<Value, StoreError>) {
            if case .success(let value) = result { values.withLock { $0.append(value) } }
        }

        var all: [Value] { values.withLock { $0 } }
    }

    @Test("media totals are delivered at once, then after each write that changes them, before the write returns")
    func mediaTotals() throws {
        let store = try Fixture.store()
        let deliveries = Deliveries<Int>()
        let observation = try store.observeMediaTotals { result in deliveries.append(result.map { $0.bytes }) }
        #expect(deliveries.all == [0])
        try store.insertMedia(Fixture.media("chuong", sha: Fixture.sha("a"), bytes: 100))
        #expect(deliveries.all == [0, 100])
        try store.insertMedia(Fixture.media("tin", sha: Fixture.sha("b"), bytes: 250))
        #expect(deliveries.all == [0, 100, 350])
        try store.deleteMedia(sha256: Fixture.sha("a"))
        #expect(deliveries.all == [0, 100, 350, 250])
        try store.pushAlert(Fixture.alert("not-media", sha: nil))
        #expect(deliveries.all.count == 4, "a write to another table is not reported")
        observation.cancel()
        try store.deleteMedia(sha256: Fixture.sha("b"))
        #expect(deliveries.all.count == 4, "nothing is delivered after cancel")
    }

    @Test("the latest alert is the one changed last, once it has aired or ended; a cancel shows as cancelled")
    func latestAlert() throws {
        let clock = ManualClock(Fixture.epoch)
        let store = try Store.inMemory(clock: clock)
        let deliveries = Deliveries<AlertRecord?>()
        let observation = try store.observeLatestAlert { deliveries.append($0) }
        defer { observation.cancel() }
        #expect(deliveries.all.count == 1 && deliveries.all[0] == nil)

        try store.pushAlert(Fixture.alert("bao-so-9", sha: nil, repeats: 3))
        #expect(deliveries.all.last! == nil, "an alert waiting for its first airing has no outcome yet")

        clock.set(Fixture.epoch.addingTimeInterval(10))
        var aired = try #require(try store.alert(key: Fixture.key("bao-so-9")))
        aired.repeatsDone = 1
        try store.updateAlert(aired)
        #expect(deliveries.all.last??.id == "bao-so-9")
        #expect(deliveries.all.last??.state == .pending)
        #expect(deliveries.all.last??.repeatsDone == 1)

        clock.set(Fixture.epoch.addingTimeInterval(20))
        try store.pushAlert(Fixture.alert("lu-lut", sha: nil, repeats: 1, createdAt: clock.now()))
        #expect(deliveries.all.last??.id == "bao-so-9", "the new alert has not aired yet")

        clock.set(Fixture.epoch.addingTimeInterval(30))
        try store.cancelAlert(key: Fixture.key("bao-so-9"))
        let last = try #require(deliveries.all.last ?? nil)
        #expect(last.id == "bao-so-9")
        #expect(last.state == .cancelled)
        #expect(last.repeatsDone == 1 && last.repeatTotal == 3)
        #expect(last.updatedAt == Fixture.epoch.addingTimeInterval(30))

        clock.set(Fixture.epoch.addingTimeInterval(40))
        try store.cancelAlert(key: Fixture.key("lu-lut"))
        #expect(deliveries.all.last??.id == "lu-lut", "a cancel before any airing is an ending too")
    }
}
