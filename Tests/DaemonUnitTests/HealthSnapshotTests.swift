import BroadcastModel
import ControlProtocol
import Foundation
import Testing
@testable import Daemon
@testable import Playout
import Store
import StreamInput

@Suite("The health snapshot: one value, its reply and its classification")
struct HealthSnapshotTests {
    static let start = Date(timeIntervalSince1970: 1_760_000_000)

    static func snapshot(
        device: DeviceState = .closed, clock: Bool = true, scheduleWarnings: [String] = [],
        amplifierError: String? = nil
    ) -> HealthSnapshot {
        HealthSnapshot(
            version: "1.2.3", site: "xa-phu-my", commune: "19822", startedAt: start,
            takenAt: start.addingTimeInterval(3_600.7),
            playout: .init(device: .init(state: device, name: "plughw:1,0", underruns: 2), nowPlaying: nil, queue: [],
                           volumeDB: -6, emergencyVolumeDB: 0, amplifier: .init(on: false, error: amplifierError)),
            mediaCount: 12, mediaBytes: 4_718_592, diskFreeBytes: 1 << 30, databaseOK: true,
            clockSynchronized: clock, temperatureC: 48.5,
            lastAlert: .init(id: "bao-so-9", outcome: .cancelled, at: "2026-11-23T05:41:00+07:00", state: .cancelled,
                             aired: 1, repeat: 3),
            scheduleWarnings: scheduleWarnings
        )
    }

    @Test("a relay's stream in health carries its rate correction and underruns")
    func streamMapping() throws {
        let status = StreamStatus(
            state: .playing, source: .url(index: 0, url: "http://icecast.tinh:8000/vov1.opus"), bufferSeconds: 0.31,
            rateAdjustmentPPM: -350, underrunSeconds: 0.4, switches: 1
        )
        let stream = SiteMapping.stream(status)
        #expect(stream.rateAdjustmentPPM == -350 && stream.underrunS == 0.4)
        #expect(stream.bufferS == 0.31 && stream.switches == 1 && stream.state.known == .playing)
        let wire = String(decoding: try JSONEncoder().encode(stream), as: UTF8.self)
        #expect(wire.contains(#""rate_adjustment_ppm":-350"#) && wire.contains(#""underrun_s":0.4"#), "\(wire)")
    }

    @Test("the GetHealth reply is built from the snapshot, with the uptime in whole seconds")
    func reply() {
        let health = Self.snapshot(scheduleWarnings: ["xa.yaml: media 'tin' is not on this site"]).health
        #expect(health.version == "1.2.3")
        #expect(health.uptimeS == 3_600)
        #expect(health.site == "xa-phu-my" && health.commune == "19822")
        #expect(health.device == .init(state: .closed, name: "plughw:1,0", underruns: 2))
        #expect(health.volumeDb == -6 && health.emergencyVolumeDb == 0)
        #expect(health.mediaCount == 12 && health.mediaBytes == 4_718_592 && health.diskFreeBytes == 1 << 30)
        #expect(health.databaseOk && health.clockSynchronized && health.temperatureC == 48.5)
        #expect(health.lastAlert?.state?.known == .cancelled && health.lastAlert?.aired == 1)
        #expect(health.scheduleWarnings == ["xa.yaml: media 'tin' is not on this site"])
    }

    /// The snapshots the classification test looks at, by name (short names keep the test log readable).
    static let variants: [String: HealthSnapshot] = [
        "closed and idle": snapshot(),
        "open": snapshot(device: .ok),
        "clock": snapshot(clock: false),
        "schedules": snapshot(scheduleWarnings: ["a", "b"]),
        "relay": snapshot(amplifierError: "GPIO gone"),
        "degraded": snapshot(device: .degraded, clock: false),
    ]

    @Test(
        "one classification: a closed idle device is ok; the clock, the relay and schedules warn; a device degrades",
        arguments: [
            ("closed and idle", Site.HealthState.ok, [String]()),
            ("open", .ok, []),
            ("clock", .warning, ["clock not synchronised"]),
            ("schedules", .warning, ["2 schedule warnings"]),
            ("relay", .warning, ["amplifier cannot switch: GPIO gone"]),
            ("degraded", .degraded, ["device degraded", "clock not synchronised"]),
        ]
    )
    func classification(variant: String, state: Site.HealthState, problems: [String]) throws {
        let snapshot = try #require(Self.variants[variant])
        #expect(snapshot.state == state)
        #expect(snapshot.health.problems.map(\.text) == problems)
    }

    @Test("it encodes with snake_case keys and decodes back unchanged")
    func codable() throws {
        let snapshot = Self.snapshot(scheduleWarnings: ["x"])
        let data = try JSONEncoder().encode(snapshot)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(Set(object.keys).isSuperset(of: ["started_at", "taken_at", "media_count", "last_alert",
                                                 "schedule_warnings", "clock_synchronized", "playout"]))
        #expect((object["playout"] as? [String: Any])?["volume_db"] as? Double == -6)
        #expect(try JSONDecoder().decode(HealthSnapshot.self, from: data) == snapshot)
    }

    @Test("while the attention tone plays, health shows the tone's own position and length, then the media's")
    func attentionTone() {
        let item = PlayoutItem(source: .alert(id: "lu"), level: .emergency, mediaPath: "/m/a.opus", mediaSHA256: "ab",
                               mediaName: "lu-lut", attentionTone: true)
        let startedAt = Self.start
        var engine = PlayoutSnapshot(
            nowPlaying: .init(item: item, positionSeconds: 0, durationSeconds: 42, startedAt: startedAt,
                              inAttentionTone: true),
            queue: [], device: DeviceStatus(state: .ok, name: "hw:0"), volumeDB: 0, emergencyVolumeDB: 0,
            amplifierOn: true
        )
        let inTone = HealthSnapshot.Playout(engine, toneSeconds: 8, at: startedAt.addingTimeInterval(3))
        #expect(inTone.nowPlaying?.name == "attention tone")
        #expect(inTone.nowPlaying?.positionS == 3)
        #expect(inTone.nowPlaying?.durationS == 8)
        #expect(inTone.nowPlaying?.source == "alert:lu")

        engine.nowPlaying?.inAttentionTone = false
        engine.nowPlaying?.positionSeconds = 5
        let inMedia = HealthSnapshot.Playout(engine, toneSeconds: 8, at: startedAt.addingTimeInterval(13))
        #expect(inMedia.nowPlaying?.name == "lu-lut")
        #expect(inMedia.nowPlaying?.positionS == 5)
        #expect(inMedia.nowPlaying?.durationS == 42)
    }

    @Test(
        "the last alert says how it stands, as alert list does, and what that is as an outcome for older clients",
        arguments: [
            (AlertState.cancelled, 1, AsRunOutcome.cancelled),
            (.done, 3, .aired),
            (.pending, 1, .aired),
            (.playing, 1, .started),
            (.expired, 2, .expired),
            (.failed, 0, .failed),
        ]
    )
    func alertSummary(state: AlertState, aired: Int, outcome: AsRunOutcome) {
        let record = AlertRecord(
            issuer: "unix:root", issuerRole: .provincial, id: "bao-so-9", status: .actual, level: .emergency,
            mediaSHA256: nil, tone: true, repeatTotal: 3,
            repeatsDone: aired, intervalSeconds: 60, nextDueAt: Self.start, state: state, createdAt: Self.start,
            updatedAt: Self.start.addingTimeInterval(61)
        )
        let summary = SiteMapping.alertSummary(record)
        #expect(summary.id == "bao-so-9")
        #expect(summary.outcome == outcome)
        #expect(summary.state?.known == state)
        #expect(summary.aired == aired && summary.repeat == 3)
        #expect(summary.at == Timestamps.format(Self.start.addingTimeInterval(61)))
    }
}
