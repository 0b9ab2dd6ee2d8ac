import Foundation
import Testing
@testable import Scheduling

/// The bucketed index behind conflict checks (issue 12) gives the answers a scan of every airing gives.
@Suite("Airing index")
struct AiringIndexTests {
    private let now = TestSupport.instant("2026-11-30T00:00:00+07:00")
    private let zone = ZoneOffsets(identifier: "Asia/Ho_Chi_Minh")!

    /// A generator of the same pseudo-random programmes on every run.
    private struct Generator {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
    }

    /// The first overlap by brute force: every occurrence against every airing.
    private func scan(_ occurrences: [Occurrence], length: TimeInterval,
                      _ airings: [(id: String, start: Date, length: TimeInterval)]) -> (Date, String)? {
        for occurrence in occurrences {
            let overlapping = airings.filter {
                $0.start < occurrence.start + length && $0.start + $0.length > occurrence.start
            }
            if let first = overlapping.min(by: { ($0.start, $0.id) < ($1.start, $1.id) }) {
                return (occurrence.start, first.id)
            }
        }
        return nil
    }

    @Test("the first overlap of random programmes matches a full scan", arguments: [1, 2, 3, 4, 5])
    func matchesAScan(seed: UInt64) throws {
        var random = Generator(state: seed)
        var index = AiringIndex(window: (now - 86_400)..<(now + 40 * 86_400))
        var held: [(id: String, start: Date, length: TimeInterval)] = []
        let days = Array(Weekday.allCases)
        for number in 0..<60 {
            let time = String(format: "%02d:%02d", 5 + random.next(3), random.next(60))
            let chosen = Set((0..<(1 + random.next(3))).map { _ in days[random.next(7)] })
            let programme = TestSupport.friendly("p\(number)", days: chosen, at: [time])
            let length = TimeInterval([0, 30, 120, 600, 3_000][random.next(5)])
            let candidates = programme.occurrences(in: now..<(now + 30 * 86_400), zone: zone)
            let found = index.firstOverlap(of: candidates, lasting: length, level: .normal)
            let expected = scan(candidates, length: length, held)
            #expect(found.map { ($0.occurrence.start, $0.airing.programmeID) }.map { "\($0.0) \($0.1)" }
                    == expected.map { "\($0.0) \($0.1)" }, "programme \(number)")
            index.insert(schedule: "s", programme: programme, zone: zone, length: length)
            for occurrence in programme.occurrences(in: index.window, zone: zone) {
                held.append((programme.id, occurrence.start, length))
            }
        }
        #expect(index.count == held.count)
    }

    @Test("removed and undone programmes are no longer seen; the marker keeps a new version apart from the old")
    func removeAndUndo() {
        var index = AiringIndex(window: (now - 86_400)..<(now + 10 * 86_400))
        let morning = TestSupport.friendly("sang", at: ["05:30"])
        index.insert(schedule: "xa", programme: morning, zone: zone, length: 600)
        let again = TestSupport.friendly("sang-2", at: ["05:35"])
        let candidates = again.occurrences(in: now..<(now + 5 * 86_400), zone: zone)
        #expect(index.firstOverlap(of: candidates, lasting: 60, level: .normal)?.airing.programmeID == "sang")
        #expect(index.firstOverlap(of: candidates, lasting: 60, level: .priority) == nil, "other levels never clash")

        let marker = index.ownerCount
        let receipt = index.insert(schedule: "xa", programme: again, zone: zone, length: 60)
        let third = TestSupport.friendly("sang-3", at: ["05:35"])
        let thirdAirings = third.occurrences(in: now..<(now + 5 * 86_400), zone: zone)
        let newer = index.firstOverlap(of: thirdAirings, lasting: 60, level: .normal, excludingSchedule: "xa",
                                       before: marker)
        #expect(newer?.airing.programmeID == "sang-2", "the new version of xa is seen, the old one passed over")
        index.undo([receipt])
        #expect(index.firstOverlap(of: thirdAirings, lasting: 60, level: .normal, excludingSchedule: "xa",
                                   before: marker) == nil)
        index.remove(schedule: "xa", before: index.ownerCount)
        #expect(index.firstOverlap(of: candidates, lasting: 60, level: .normal) == nil)
        #expect(index.removedCount == index.count)
    }
}
