import AudioCodec
import AudioOutput
import BroadcastModel
import ControlProtocol
import ControlServer
import Foundation
import Logging
import Playout
import ServiceLifecycle
import SiteHardware
import Store
import UnixSignals
import Uplink
import YAMLSupport

/// What `communecastd`'s flags may override.
public struct DaemonOptions: Sendable {
    /// `--config`: the YAML configuration; nil means built-in defaults only.
    public var configPath: String?
    /// `--state-dir`.
    public var stateDirectory: String?
    /// `--socket`.
    public var socketPath: String?
    /// `--profile`: a profile name or file.
    public var profile: String?
    /// `--schedules-dir`.
    public var schedulesDirectory: String?
    /// `--tls-listen`, `--tls-cert`, `--tls-key`, `--tls-client-ca` and `--acl`, each overriding its `tls:` key.
    public var tls = TLSSettings()

    /// No overrides.
    public init(configPath: String? = nil, stateDirectory: String? = nil, socketPath: String? = nil,
                profile: String? = nil, schedulesDirectory: String? = nil) {
        self.configPath = configPath
        self.stateDirectory = stateDirectory
        self.socketPath = socketPath
        self.profile = profile
        self.schedulesDirectory = schedulesDirectory
    }
}

/// The site daemon: loads configuration and profile, opens the store, and runs the playout engine, the alert timer,
/// the event router and the control server as Services in one ServiceGroup with graceful shutdown on SIGTERM and
/// SIGINT (the server stops taking calls, the engine fades out and closes the device, the database is checkpointed).
public final class SiteDaemon: Sendable {
    /// The version reported by GetInfo and health.
    public static let version = "0.1.0"

    let options: DaemonOptions
    let settings: DaemonSettings
    let tls: (configuration: TLSListenerConfiguration, acl: ACLFile)?
    /// How the site takes signed alerts, checked at start-up (CA and ACL readable), for `--check-config`.
    let alertsSummary: String
    /// The call-home uplink, checked at start-up (files readable), or `nil` without `uplink.brokers`.
    let uplink: UplinkConfiguration?
    let logger: Logger
    /// The one wall clock of the site: the store, the engine, the scheduler, the alerts and the handlers all read
    /// the date from it and from nothing else.
    let clock: any Clock

    /// The configuration read at start-up (a reload's changes are in the `SettingsReloader`).
    var configuration: DaemonConfiguration { settings.configuration }
    /// The hardware profile read at start-up.
    var profile: HardwareProfile { settings.profile }
    /// Where the database and media are.
    var stateDirectory: String { settings.stateDirectory }
    /// The control socket, unless systemd passes one.
    var socketPath: String { settings.socketPath }
    /// The schedules directory.
    var schedulesDirectory: String { settings.schedulesDirectory }

    /// Loads and validates configuration and profile; every problem names file, line and key.
    public init(options: DaemonOptions, logger: Logger) throws {
        self.options = options
        settings = try DaemonSettings.load(options: options)
        tls = try settings.tls.listener(logger: logger)
        alertsSummary = try settings.configuration.alerts.check(tls: settings.tls)
        uplink = try Self.checkUplink(settings, configPath: options.configPath)
        self.logger = logger
        clock = SystemClock()
    }

    /// The site's zone (`site.timezone`) from the configuration `options` name, else the default zone; read before
    /// logging starts so every log line is stamped in it. A file that cannot be read falls back to the default here
    /// and is reported when the daemon loads it.
    public static func timeZone(options: DaemonOptions) -> TimeZone {
        let configured = options.configPath.flatMap { try? DaemonConfiguration.load(path: $0) } ?? DaemonConfiguration()
        return TimeZone(identifier: configured.timeZone) ?? Timestamps.siteTimeZone
    }

    /// One line per setting that matters, for `--check-config`.
    public var summary: String {
        """
        site \(configuration.siteName) (commune \(configuration.communeCode.isEmpty ? "-" : configuration.communeCode)), \
        time zone \(configuration.timeZone)
        profile \(profile.name): \(profile.deviceName(stateDirectory: stateDirectory)), \(profile.channels) channel(s)
        amplifier \(profile.amplifierDescription), warm-up \(profile.amplifierTiming.warmupMilliseconds) ms, \
        hold-off \(String(format: "%g", profile.amplifierTiming.holdoffSeconds)) s
        state \(stateDirectory), socket \(socketPath)
        schedules \(schedulesDirectory) (priority in quiet hours: \(configuration.priorityInQuietHours))
        uploads: at most \(configuration.maxUploadBytes >> 20) MiB each; encoding one sent as is may take \
        \(configuration.maxEncodeMemoryBytes >> 20) MiB of memory
        \(tlsSummary)
        \(alertsSummary)
        \(configuration.uplink.summary(uplink))
        \(configuration.connectionLimits.summary(unixConnections: configuration.maxConnections,
                                                 idleTimeoutSeconds: configuration.idleTimeoutSeconds))
        """
    }

    /// What `--check-config` prints as warnings and the daemon logs at start: settings that are legal but probably
    /// not meant, each with file, line and key.
    public var warnings: [String] { settings.warnings.map(\.warningDescription) }

    /// Runs until SIGTERM or SIGINT.
    public func run() async throws {
        for warning in warnings { logger.warning("configuration warning", metadata: ["warning": "\(warning)"]) }
        // SIGHUP means "reload"; until the handler is installed it must not end the process (its default action).
        signal(SIGHUP, SIG_IGN)
        // Before anything is created or opened: the state is the daemon's alone, and no other daemon may share it.
        umask(StateDirectory.umask)
        let stateLock = try StateDirectory.prepare(stateDirectory, logger: logger)
        defer { withExtendedLifetime(stateLock) {} }
        let systemd = try SystemdEnvironment.take(amplifierWarmup: Double(profile.amplifierTiming.warmupMilliseconds)
                                                  / 1_000)
        if let zone = TimeZone(identifier: configuration.timeZone) { Timestamps.siteTimeZone = zone }
        let store = try Store(path: "\(stateDirectory)/state.sqlite", clock: clock)
        try markInterrupted(in: store)
        var encode = EncodeOptions()
        encode.targetLUFS = configuration.targetLUFS
        encode.opus.bitrate = configuration.bitrateKbps * 1_000
        encode.title = ""
        let media = try MediaLibrary(stateDirectory: stateDirectory, store: store, options: encode,
                                     maxUploadBytes: configuration.maxUploadBytes,
                                     maxEncodeMemoryBytes: configuration.maxEncodeMemoryBytes, clock: clock,
                                     logger: logger)
        try media.reconcile()
        let hub = MonitorHub(logger: logger)
        let router = EventRouter(store: store, hub: hub, logger: logger)
        let savedVolume = try store.volumeDB()
        let engine = makeEngine(volumeDB: savedVolume, router: router)
        let alerts = AlertManager(store: store, engine: engine, media: media, streams: configuration.streams, hub: hub,
                                  clock: clock, logger: logger)
        router.setAlertHandler { alerts.handle($0) }
        alerts.restore()
        let scheduler = try SiteScheduler(
            store: store, engine: engine, media: media, hub: hub, clock: clock, logger: logger,
            priorityPolicy: configuration.priorityInQuietHours == "play" ? .play : .skip,
            amplifierWarmup: Double(profile.amplifierTiming.warmupMilliseconds) / 1_000,
            streams: configuration.streams
        )
        let (health, healthObservations) = try makeHealth(store: store, engine: engine)
        defer { healthObservations.forEach { $0.cancel() } }
        let schedules = ScheduleRegistry(directory: schedulesDirectory, store: store,
                                         limits: configuration.scheduleLimits,
                                         work: SerialWork(label: "communecast-schedules"), clock: clock,
                                         logger: logger,
                                         media: media)
        schedules.setChangeHandler { scheduler.install($0) }
        schedules.setWarningsHandler { health.update(scheduleWarnings: $0) }
        // On the schedules' own queue, off the cooperative pool: loading may speak text programmes not rendered yet.
        _ = try await schedules.work.run { schedules.load() }
        let audit = AuditTrail(store: store, retention: configuration.auditRetention, clock: clock, logger: logger)
        let signedAlerts = try SignedAlertIntake(configuration: configuration, tls: settings.tls, store: store,
                                                 alerts: alerts, media: media, health: health, clock: clock,
                                                 logger: logger)
        let pruned = try signedAlerts.prune()
        if pruned > 0 { logger.info("replay rows past their retention deleted", metadata: ["rows": "\(pruned)"]) }
        let site = SiteContext(
            configuration: configuration, profile: profile, store: store, engine: engine, media: media, alerts: alerts,
            signedAlerts: signedAlerts, schedules: schedules, hub: hub, health: health, audit: audit, clock: clock,
            logger: logger
        )
        let reloader = SettingsReloader(options: options, settings: settings, site: site, media: media,
                                        scheduler: scheduler, logger: logger)
        let supervisor = SystemdSupervisor(
            notifier: systemd.notifier, watchdog: systemd.watchdog, logger: logger,
            heartbeat: { engine.lastHeartbeat },
            status: {
                StatusLine.make(snapshot: engine.snapshot(), schedules: schedules.schedules.count,
                                reloadProblem: reloader.problem)
            }
        )
        // Trapped before the services start, so a SIGHUP sent as soon as the socket answers is not lost.
        let hangUps = await UnixSignalsSequence(trapping: .sighup)
        let server = try ControlServer(configuration: serverConfiguration(activation: systemd.activation),
                                       handler: SiteHandler(site: site), logger: logger)
        let siteUplink = try makeUplink(site: site, server: server)
        var services: [any Service] = [
            // Stopped last, once the engine has shut down, so that its final events are logged. Finishing the
            // router from the playout service's stop instead would race: the group fails when a service ends
            // before its turn.
            ClosureService(description: "events", work: { await router.run() }, stop: { router.finish() }),
            ClosureService(description: "playout", work: {
                engine.start()
                try? await gracefulShutdown()
                // Inside the service's own work, so the group moves on only once the fade-out has ended.
                await onDedicatedThread("cc-shutdown") { engine.shutdown() }
            }, stop: {}),
            ClosureService(description: "scheduler", work: {
                await onDedicatedThread("cc-scheduler") { scheduler.run() }
            }, stop: { scheduler.stop() }),
            ClosureService(description: "audit", work: {
                await cancelWhenGracefulShutdown { await audit.run() }
            }, stop: {}),
            ClosureService(description: "alerts", work: {
                await onDedicatedThread("cc-alerts") { alerts.run() }
            }, stop: { alerts.stop() }),
            ClosureService(description: "health", work: {
                await cancelWhenGracefulShutdown {
                    await health.refreshMachineFacts(every: Self.machineFactsInterval)
                }
            }, stop: {}),
            ClosureService(description: "control", work: { try await server.run() }, stop: {
                hub.finish()
                await server.shutdown()
            }),
            ClosureService(description: "reload", work: {
                await cancelWhenGracefulShutdown {
                    for await _ in hangUps {
                        // Off the pool: re-reading the schedules may speak text programmes not rendered yet.
                        await onDedicatedThread("cc-reload") {
                            supervisor.reloading()
                            reloader.reload()
                            _ = site.reloadSchedules(trigger: "SIGHUP")
                            supervisor.reloaded()
                        }
                    }
                }
            }, stop: {}),
            // Last, so it is the first told of a shutdown and says STOPPING=1 before anything stops.
            ClosureService(description: "systemd", work: {
                try await server.waitUntilListening()
                supervisor.ready()
                try? await gracefulShutdown()
                supervisor.stopping()
            }, stop: {}),
        ]
        if let siteUplink {
            // Before systemd's, so it is stopped second and says offline while the rest still runs.
            services.insert(ClosureService(description: "uplink", work: { await siteUplink.run() },
                                           stop: { await siteUplink.stop() }), at: services.count - 1)
        }
        let group = ServiceGroup(configuration: .init(
            services: services.map { .init(service: $0) }, gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger
        ))
        logger.notice("communecastd starting", metadata: [
            "site": "\(configuration.siteName)", "profile": "\(profile.name)",
            "socket": "\(systemd.activation?.path ?? socketPath)",
            "socket_from": "\(systemd.activation == nil ? "communecastd" : "systemd")",
        ])
        supervisor.start()
        defer { supervisor.finish() }
        try await group.run()
        // Nothing may read while the database closes: an observation still reading would keep it open.
        healthObservations.forEach { $0.cancel() }
        do {
            try store.checkpoint()
        } catch {
            // Everything is committed; a WAL left behind is replayed when the daemon next opens the database.
            logger.warning("could not fold the write-ahead log into the database at stop", metadata: [
                "error": "\(error)",
            ])
        }
        try store.close()
        logger.notice("communecastd stopped")
    }

    /// Closes the as-run entries of items that were on air when the daemon last stopped without ending them (a
    /// power cut or crash), so the log does not show them on air for ever. Scheduled ones may then air again
    /// (``SiteScheduler``); pending alerts resume from their own rows.
    private func markInterrupted(in store: Store) throws {
        let marked = try store.markInterruptedAsRun(reason: "interrupted: the daemon stopped while it was on air")
        for entry in marked {
            logger.warning("an airing was cut off when the daemon last stopped", metadata: [
                "source": "\(entry.source)", "media": "\(entry.mediaName ?? "-")",
                "started": "\(entry.startedAt.map { Timestamps.format($0) } ?? "-")",
            ])
        }
    }

    private func makeEngine(volumeDB: Double?, router: EventRouter) -> PlayoutEngine {
        let device = profile.deviceName(stateDirectory: stateDirectory)
        let pcm = PCMConfiguration(
            device: device, sampleRate: 48_000, channels: profile.channels,
            bufferMicroseconds: profile.bufferMilliseconds * 1_000, periodMicroseconds: profile.periodMilliseconds * 1_000
        )
        let pacing = profile.pacing
        return PlayoutEngine(
            configuration: PlayoutConfiguration(
                deviceName: device, channels: profile.channels,
                volumeDB: volumeDB ?? configuration.volumeDB ?? profile.volumeDB,
                emergencyVolumeDB: profile.emergencyVolumeDB, attentionToneSeconds: profile.attentionToneSeconds,
                deviceRetrySeconds: configuration.deviceRetrySeconds, amplifier: profile.amplifierTiming
            ),
            amplifier: profile.makeAmplifier(logger: logger), logger: logger, clock: clock,
            makeSink: { try ALSASink(configuration: pcm, pacing: pacing) }, onEvent: router.sink
        )
    }

    /// The control server's settings; with socket activation it serves systemd's socket and leaves the file alone.
    private func serverConfiguration(activation: SocketActivation?) -> ServerConfiguration {
        var server = ServerConfiguration(socketPath: activation?.path ?? socketPath, listenFD: activation?.descriptor)
        server.socketGroup = "communecast"
        server.idleTimeout = .milliseconds(Int64(configuration.idleTimeoutSeconds * 1_000))
        server.maxConnections = configuration.maxConnections
        configuration.connectionLimits.apply(to: &server)
        server.version = Self.version
        server.interfaceDescriptions = [SiteInterface.description]
        server.requiredRoles = Site.leastRoles
        server.methodsRequiringMore = Site.methodsRequiringMore
        server.methodFrameLimits = Site.methodFrameLimits
        server.methodsAnsweredFromMemory = Site.methodsAnsweredFromMemory
        server.tls = tls?.configuration
        return server
    }
}
