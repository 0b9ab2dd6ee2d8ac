import BroadcastModel
import ControlProtocol
import Foundation
import Playout
import Store

extension SiteDaemon {
    /// How often the machine's facts (free disk, clock synchronisation, temperature) are read again.
    static let machineFactsInterval = Duration.seconds(30)

    /// The site's health, with the store observations that keep its media totals and last alert up to date; the
    /// observations last as long as the daemon keeps them.
    func makeHealth(store: Store, engine: PlayoutEngine) throws -> (SiteHealth, [StoreObservation]) {
        let stateDirectory = stateDirectory
        let now = clock.now()
        let initial = HealthSnapshot(
            version: Self.version, site: configuration.siteName, commune: configuration.communeCode,
            startedAt: now, takenAt: now,
            playout: HealthSnapshot.Playout(engine.snapshot(), toneSeconds: profile.attentionToneSeconds, at: now),
            mediaCount: 0, mediaBytes: 0, diskFreeBytes: 0, databaseOK: (try? store.integrityCheck()) ?? false,
            clockSynchronized: false, temperatureC: nil, lastAlert: nil, scheduleWarnings: []
        )
        let health = SiteHealth(
            initial: initial, toneSeconds: profile.attentionToneSeconds, clock: clock,
            playout: { engine.snapshot() }, readMachine: { SystemFacts.read(stateDirectory: stateDirectory) }
        )
        let logger = logger
        let media = try store.observeMediaTotals { result in
            switch result {
            case .success(let totals): health.update(mediaCount: totals.count, mediaBytes: totals.bytes)
            case .failure(let error): logger.error("cannot count media for health", metadata: ["error": "\(error)"])
            }
        }
        let alerts = try store.observeLatestAlert { result in
            switch result {
            case .success(let record): health.update(lastAlert: record.map(SiteMapping.alertSummary))
            case .failure(let error):
                logger.error("cannot read the last alert for health", metadata: ["error": "\(error)"])
            }
        }
        return (health, [media, alerts])
    }
}
