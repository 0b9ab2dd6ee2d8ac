import Foundation
import Testing
@testable import Daemon
@testable import Playout

@Suite("The STATUS= line systemctl shows")
struct StatusLineTests {
    func snapshot(device: DeviceStatus = DeviceStatus(state: .ok, name: "hw:0"), playing: PlayoutItem? = nil,
                  queued: Int = 0) -> PlayoutSnapshot {
        let item = PlayoutItem(source: .play(id: "x"), level: .normal, mediaPath: nil)
        return PlayoutSnapshot(
            nowPlaying: playing.map {
                PlayoutSnapshot.NowPlaying(item: $0, positionSeconds: 1, durationSeconds: 2, startedAt: Date(),
                                           inAttentionTone: false)
            },
            queue: Array(repeating: item, count: queued), device: device, volumeDB: 0, emergencyVolumeDB: 0,
            amplifierOn: false
        )
    }

    @Test("idle with a working device")
    func idle() {
        #expect(StatusLine.make(snapshot: snapshot(), schedules: 2, reloadProblem: nil)
                == "serving; 2 schedules; device ok; idle")
        #expect(StatusLine.make(snapshot: snapshot(), schedules: 1, reloadProblem: nil)
                == "serving; 1 schedule; device ok; idle")
    }

    @Test("on air, with a queue and a reload problem")
    func playing() {
        let alert = PlayoutItem(source: .alert(id: "bao-9"), level: .emergency, mediaPath: nil, mediaName: "bao")
        #expect(StatusLine.make(snapshot: snapshot(playing: alert, queued: 2), schedules: 0,
                                reloadProblem: "restart needed for socket")
                == "serving; 0 schedules; device ok; playing alert:bao-9 'bao' (emergency); 2 queued; "
                + "restart needed for socket")
    }

    @Test("a degraded device shows the first line of its error, shortened")
    func degraded() {
        let error = "cannot open plughw:CARD=Device: " + String(repeating: "no such device ", count: 10) + "\nmore"
        let line = StatusLine.make(
            snapshot: snapshot(device: DeviceStatus(state: .degraded, name: "hw", lastError: error)),
            schedules: 0, reloadProblem: nil
        )
        #expect(line.hasPrefix("serving; 0 schedules; device degraded: cannot open plughw:CARD=Device: no such"))
        #expect(line.hasSuffix("…; idle"))
        #expect(!line.contains("more"))
    }
}
