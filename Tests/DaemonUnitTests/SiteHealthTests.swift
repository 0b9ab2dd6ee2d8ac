import BroadcastModel
import ControlProtocol
import Foundation
import Synchronization
import Testing
@testable import ControlServer
@testable import Daemon
@testable import Playout

@Suite("Site health: the snapshot kept in memory and the reply made from it")
struct SiteHealthTests {
    /// What the fake engine and machine report; the test changes it while the health reads it.
    final class World: Sendable {
        let engine = Mutex(PlayoutSnapshot(
            nowPlaying: nil, queue: [], device: DeviceStatus(state: .closed, name: "null"), volumeDB: -6,
            emergencyVolumeDB: 0, amplifierOn: false
        ))
        let machine = Mutex(SystemFacts.Reading(diskFreeBytes: 1_000, clockSynchronized: true, temperatureC: nil))
        let machineReads = Mutex(0)
    }

    static func make(_ world: World, clock: ManualClock) -> SiteHealth {
        SiteHealth(
            initial: HealthSnapshotTests.snapshot(), toneSeconds: 8, clock: clock,
            playout: { world.engine.withLock { $0 } },
            readMachine: {
                world.machineReads.withLock { $0 += 1 }
                return world.machine.withLock { $0 }
            }
        )
    }

    /// The health in a prepared reply, decoded from its bytes as a client would.
    static func decode(_ reply: PreparedReply?) throws -> Site.Health {
        let reply = try #require(reply)
        let bytes = Array(reply.frame.readableBytesView.dropLast())
        return try VarlinkReply(decoding: bytes).decodeParameters(for: Site.GetHealth.self).health
    }

    @Test("every change shows in the next reply: store facts, schedule problems, the engine, the uptime")
    func repliesFollowChanges() throws {
        let world = World()
        let clock = ManualClock(HealthSnapshotTests.start.addingTimeInterval(10))
        let health = Self.make(world, clock: clock)
        let first = try Self.decode(health.preparedReply())
        #expect(first.uptimeS == 10)
        #expect(first.diskFreeBytes == 1_000, "the machine is read when health starts")
        #expect(try Self.decode(health.preparedReply()) == first)

        health.update(mediaCount: 13, mediaBytes: 5_000_000)
        #expect(try Self.decode(health.preparedReply()).mediaCount == 13)
        health.update(scheduleWarnings: ["xa.yaml: media 'tin' is not on this site"])
        let warnings = try Self.decode(health.preparedReply()).scheduleWarnings
        #expect(warnings == ["xa.yaml: media 'tin' is not on this site"])
        health.update(lastAlert: .init(id: "lu", outcome: .aired, at: "2026-11-23T05:00:00+07:00", state: .done,
                                       aired: 1, repeat: 1))
        #expect(try Self.decode(health.preparedReply()).lastAlert?.id == "lu")
        health.update(site: "xa-moi", commune: "30001")
        #expect(try Self.decode(health.preparedReply()).site == "xa-moi")

        world.engine.withLock { $0.device = DeviceStatus(state: .degraded, name: "null", lastError: "gone") }
        let degraded = try Self.decode(health.preparedReply())
        #expect(degraded.device.state == .degraded)
        #expect(degraded.state == .degraded)

        clock.advance(by: 1)
        #expect(try Self.decode(health.preparedReply()).uptimeS == 11)

        // While something plays, every reply has the position of that moment.
        let item = PlayoutItem(source: .play(id: "1"), level: .normal, mediaPath: "/m/a.opus", mediaName: "tin")
        for position in [1.0, 1.5] {
            world.engine.withLock {
                $0.nowPlaying = .init(item: item, positionSeconds: position, durationSeconds: 30,
                                      startedAt: clock.now(), inAttentionTone: false)
            }
            #expect(try Self.decode(health.preparedReply()).nowPlaying?.positionS == position)
        }
    }

    @Test("the machine is read by the slow timer and with every media change, never for a reply")
    func machineFacts() throws {
        let world = World()
        let clock = ManualClock(HealthSnapshotTests.start)
        let health = Self.make(world, clock: clock)
        #expect(world.machineReads.withLock { $0 } == 1)
        world.machine.withLock { $0 = .init(diskFreeBytes: 500, clockSynchronized: false, temperatureC: 61.5) }
        for _ in 0..<5 { _ = health.preparedReply() }
        #expect(world.machineReads.withLock { $0 } == 1)
        #expect(try Self.decode(health.preparedReply()).diskFreeBytes == 1_000)

        health.refreshMachineFacts()
        let refreshed = try Self.decode(health.preparedReply())
        #expect(refreshed.diskFreeBytes == 500)
        #expect(!refreshed.clockSynchronized)
        #expect(refreshed.temperatureC == 61.5)
        #expect(refreshed.state == .warning)

        world.machine.withLock { $0.diskFreeBytes = 400 }
        health.update(mediaCount: 1, mediaBytes: 100)
        #expect(try Self.decode(health.preparedReply()).diskFreeBytes == 400)
        #expect(world.machineReads.withLock { $0 } == 3)
    }
}
