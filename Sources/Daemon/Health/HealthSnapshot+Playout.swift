import ControlProtocol
import Foundation
import Playout

extension HealthSnapshot.Playout {
    /// The engine's state as health reports it at `instant`; `toneSeconds` is the length of the attention tone the
    /// engine plays before alerts.
    init(_ engine: PlayoutSnapshot, toneSeconds: Double, at instant: Date) {
        self.init(
            device: Site.Device(
                state: engine.device.state,
                name: engine.device.name, lastError: engine.device.lastError, underruns: engine.device.underruns
            ),
            nowPlaying: engine.nowPlaying.map { SiteMapping.nowPlaying($0, toneSeconds: toneSeconds, at: instant) },
            queue: engine.queue.map(SiteMapping.queueItem), volumeDB: engine.volumeDB,
            emergencyVolumeDB: engine.emergencyVolumeDB,
            amplifier: Site.Amplifier(on: engine.amplifierOn, error: engine.amplifierFault)
        )
    }
}
