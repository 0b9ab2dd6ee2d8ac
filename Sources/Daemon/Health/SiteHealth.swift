import BroadcastModel
import ControlProtocol
import ControlServer
import Foundation
import Playout
import Synchronization

/// The one owner of the site's ``HealthSnapshot``. It keeps the snapshot in memory and is told when a part
/// changes: the store's writes (media added or removed, alerts pushed, aired, cancelled or expired), the schedule
/// registry's warnings, a configuration reload, and a slow timer for the machine (disk, clock, temperature). The playout part is
/// the engine's own state, read under the engine's lock when asked for.
///
/// So `GetHealth` reads no database and makes no system call: the control server answers it on the event loop
/// from ``preparedReply()``, which encodes the reply again only when it would say something new.
final class SiteHealth: Sendable {
    private struct State {
        /// Everything but the playout part and the time taken, which are filled in when asked for.
        var stored: HealthSnapshot
        /// Bumped on every change to `stored`.
        var revision = 0
        /// The last reply encoded while nothing was on air, and what it was encoded from.
        var cached: (revision: Int, uptime: Int, engine: PlayoutSnapshot, reply: PreparedReply)?
    }

    private let state: Mutex<State>
    private let startedAt: Date
    private let clock: any Clock
    private let toneSeconds: Double
    private let playout: @Sendable () -> PlayoutSnapshot
    private let readMachine: @Sendable () -> SystemFacts.Reading

    /// Starts from `initial` (its playout part and time are replaced when read); `playout` reads the engine and
    /// `readMachine` the machine, which happens now and on every ``refreshMachineFacts()``.
    init(
        initial: HealthSnapshot, toneSeconds: Double, clock: any Clock,
        playout: @escaping @Sendable () -> PlayoutSnapshot,
        readMachine: @escaping @Sendable () -> SystemFacts.Reading
    ) {
        var stored = initial
        stored.apply(readMachine())
        state = Mutex(State(stored: stored))
        startedAt = initial.startedAt
        self.clock = clock
        self.toneSeconds = toneSeconds
        self.playout = playout
        self.readMachine = readMachine
    }

    /// The site's health now.
    func snapshot() -> HealthSnapshot {
        current(at: clock.now(), engine: playout()).snapshot
    }

    /// The `GetHealth` reply, encoded. While nothing is on air, the last one is handed out again until something
    /// in it changes (the uptime counts in whole seconds); while something plays, its position changes with every
    /// call. `nil` only if the reply cannot be encoded (a non-finite number).
    func preparedReply() -> PreparedReply? {
        let now = clock.now()
        let engine = playout()
        let uptime = HealthSnapshot.uptime(from: startedAt, to: now)
        if engine.nowPlaying == nil {
            let cached = state.withLock { state -> PreparedReply? in
                guard let cached = state.cached, cached.revision == state.revision, cached.uptime == uptime,
                      cached.engine == engine else { return nil }
                return cached.reply
            }
            if let cached { return cached }
        }
        let (snapshot, revision) = current(at: now, engine: engine)
        guard let reply = try? PreparedReply(Site.GetHealth.self, .init(health: snapshot.health)) else { return nil }
        if engine.nowPlaying == nil { state.withLock { $0.cached = (revision, uptime, engine, reply) } }
        return reply
    }

    /// The snapshot at `now` with the engine's part, and the revision of its stored part.
    private func current(at now: Date, engine: PlayoutSnapshot) -> (snapshot: HealthSnapshot, revision: Int) {
        var (snapshot, revision) = state.withLock { ($0.stored, $0.revision) }
        snapshot.takenAt = now
        snapshot.playout = HealthSnapshot.Playout(engine, toneSeconds: toneSeconds, at: now)
        return (snapshot, revision)
    }

    /// Takes the site's name and commune from a reloaded configuration.
    func update(site: String, commune: String) {
        change { $0.site = site; $0.commune = commune }
    }

    /// Records the media totals after a store write; the disk's free space is read again with them.
    func update(mediaCount: Int, mediaBytes: Int) {
        let machine = readMachine()
        change {
            $0.mediaCount = mediaCount
            $0.mediaBytes = mediaBytes
            $0.apply(machine)
        }
    }

    /// Records the alert health reports, after a store write changed it.
    func update(lastAlert: Site.AlertSummary?) {
        change { $0.lastAlert = lastAlert }
    }

    /// Records why the schedules in force will not air as written (empty when they will): the schedule
    /// registry's warnings, each time it works them out.
    func update(scheduleWarnings: [String]) {
        change { $0.scheduleWarnings = scheduleWarnings }
    }

    /// Raises an alarm about a signed alert refused as an equivocation; the last 20 are kept.
    func raise(alertAlarm: String) {
        change { $0.alertAlarms = Array((($0.alertAlarms ?? []) + [alertAlarm]).suffix(20)) }
    }

    /// Reads the machine again: free disk, clock synchronisation, temperature.
    func refreshMachineFacts() {
        let machine = readMachine()
        change { $0.apply(machine) }
    }

    /// Calls ``refreshMachineFacts()`` every `interval` until the task is cancelled.
    func refreshMachineFacts(every interval: Duration) async {
        while true {
            do {
                try await Task.sleep(for: interval)
            } catch {
                return
            }
            refreshMachineFacts()
        }
    }

    private func change(_ body: (inout HealthSnapshot) -> Void) {
        state.withLock { state in
            let before = state.stored
            body(&state.stored)
            if state.stored != before { state.revision += 1 }
        }
    }
}

extension HealthSnapshot {
    /// Takes the machine's facts.
    fileprivate mutating func apply(_ machine: SystemFacts.Reading) {
        diskFreeBytes = machine.diskFreeBytes
        clockSynchronized = machine.clockSynchronized
        temperatureC = machine.temperatureC
    }
}
