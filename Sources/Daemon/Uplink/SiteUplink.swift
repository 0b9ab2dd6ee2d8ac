import ControlProtocol
import ControlServer
import Foundation
import Logging
import Store
import Synchronization
import Uplink

/// The site's call-home uplink in the daemon (issue 15, docs/call-home.md): one ``UplinkClient`` on its own loop
/// thread (`cc-uplink`), subscribed to the site's groups, with its status and Last Will, its outbox in the site's
/// store, and four jobs run as one `Service` of the daemon's group:
///
/// - the client's loop thread (connect, fail over, reconnect with jitter, deliver each message once);
/// - the messages it delivers: alerts through the same ``SignedAlertIntake`` as `PushSignedAlert`
///   (``SiteUplink+Alerts``), signed commands through the same dispatcher as the sockets (``SiteUplink+Commands``);
/// - the site's airings of alerts, reported as `alert.aired` events;
/// - the retained health, on change and every ``UplinkSettings/healthIntervalSeconds`` (``SiteUplink+Health``).
final class SiteUplink: Sendable {
    /// The client, for the handlers and for health.
    let client: UplinkClient
    /// This site's name on the broker.
    let site: Uplink.SiteName
    /// The topics.
    let scheme = TopicScheme()
    /// What it subscribes to: `uplink.groups` and `all`, or what a signed configuration set since (kept in the
    /// store, so it survives a restart).
    private let groupState: Mutex<[GroupID]>
    /// Seconds between two retained health messages when nothing changes.
    let healthInterval: Duration
    /// The site's parts: the alert intake, health, the audit log, the hub the airings come from.
    let context: SiteContext
    /// The control server whose dispatcher, roles, limits and audit answer signed commands.
    let server: ControlServer
    let logger: Logger
    /// Whether ``stop()`` was called.
    let stopping = Mutex(false)
    /// Set when the health must be published again at once (``publishHealthNow()``).
    let healthRequested = Mutex(false)
    /// The alerts waiting for their media from the media host, cancelled by ``stop()``.
    private let fetches = Mutex<[UUID: Task<Void, Never>]>([:])
    /// The airings' subscription, made when ``run()`` starts and finished by ``stop()``.
    private let airings = Mutex<MonitorSubscription?>(nil)

    /// An uplink for `context`'s site, configured by `configuration` (checked by ``UplinkSettings``), keeping its
    /// outbox and session counter in the site's store.
    init(configuration: UplinkConfiguration, settings: UplinkSettings, context: SiteContext, server: ControlServer,
         logger: Logger) throws {
        site = try Uplink.SiteName(configuration.clientID)
        groupState = Mutex(Self.storedGroups(context.store, logger: logger) ?? settings.groupIDs)
        healthInterval = .seconds(settings.healthIntervalSeconds)
        client = try UplinkClient(configuration: configuration, store: StoreOutbox(store: context.store),
                                  logger: logger)
        self.context = context
        self.server = server
        self.logger = logger
    }

    /// Runs until ``stop()``: the loop thread, the delivered messages, the airings and the health.
    func run() async {
        do {
            try client.setSubscriptions(subscriptions)
        } catch {
            logger.error("the uplink cannot subscribe to the site's groups", metadata: ["error": "\(error)"])
        }
        let subscription = context.hub.subscribe()
        airings.withLock { $0 = subscription }
        let client = client
        let threadName = client.configuration.threadName
        logger.notice("uplink starting", metadata: [
            "brokers": "\(client.configuration.brokers.map(\.description).joined(separator: ", "))",
            "site": "\(site)", "groups": "\(groups.map(\.rawValue).joined(separator: ", "))",
        ])
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await onDedicatedThread(threadName) { client.run() } }
            group.addTask { await self.handleEvents() }
            group.addTask { await self.reportAirings(subscription) }
            group.addTask { await self.publishHealth() }
            await group.waitForAll()
        }
    }

    /// The groups the site subscribes to now.
    var groups: [GroupID] { groupState.withLock { $0 } }

    /// Replaces the groups (a signed configuration); the caller subscribes again.
    func setGroups(_ groups: [GroupID]) { groupState.withLock { $0 = groups } }

    /// What the site subscribes to: its groups' alert slots and command topics, its own command topic and its
    /// configuration topic.
    var subscriptions: [String] { scheme.subscriptions(site: site, groups: groups) }

    /// Says offline on the status topic, disconnects and ends ``run()``.
    func stop() async {
        stopping.withLock { $0 = true }
        airings.withLock { $0 }?.finish()
        fetches.withLock { $0.values }.forEach { $0.cancel() }
        await client.stop()
    }

    /// Runs `work` (an alert waiting for its media) on a task of its own, cancelled if the uplink stops first.
    func startFetch(_ work: @escaping @Sendable () async -> Void) {
        let key = UUID()
        fetches.withLock { running in
            running[key] = Task {
                await work()
                _ = self.fetches.withLock { $0.removeValue(forKey: key) }
            }
        }
    }

    /// Whether ``stop()`` was called.
    var isStopping: Bool { stopping.withLock { $0 } }

    private func handleEvents() async {
        for await event in client.events {
            switch event {
            case .connected(let broker, let session, let sessionPresent):
                logger.notice("uplink connected", metadata: [
                    "broker": "\(broker)", "session": "\(session)", "session_present": "\(sessionPresent)",
                ])
                publishHealthNow()
            case .connectionFailed(let broker, let failure, let retryIn):
                logger.warning("uplink connection failed", metadata: [
                    "broker": "\(broker)", "reason": "\(failure)", "retry_in": "\(retryIn)",
                ])
            case .message(let message):
                await receive(message)
            case .subscriptionRefused(let filter, let code):
                logger.error("the broker refused a subscription of the uplink", metadata: [
                    "filter": "\(filter)", "reason_code": "\(code)",
                ])
            case .stopped:
                logger.notice("uplink stopped")
            }
        }
    }

    /// One delivered message, by its topic.
    private func receive(_ message: UplinkMessage) async {
        switch scheme.parse(message.topic) {
        case .alert?:
            await receiveAlert(message)
        case .command?, .groupCommand?:
            await receiveCommand(message)
        case .configuration?:
            await receiveConfiguration(message)
        default:
            logger.warning("uplink message on a topic the site does not handle", metadata: [
                "topic": "\(message.topic)",
            ])
        }
    }

    /// Puts an event in the outbox: it reaches the broker even if the daemon stops first.
    func report(_ event: SiteEvent) {
        var properties: [UserProperty] = []
        if let alert = event.alert { properties.append(UserProperty(name: UserProperty.alertName, value: alert)) }
        let message = OutgoingMessage(topic: scheme.events(site: site), payload: event.payload,
                                      contentType: "application/json", userProperties: properties)
        do {
            try client.publishDurably(message)
        } catch {
            logger.error("cannot queue an uplink event", metadata: ["type": "\(event.type.rawValue)",
                                                                   "error": "\(error)"])
        }
    }

    /// Reports every airing of an alert as `alert.aired`, until the subscription ends.
    private func reportAirings(_ subscription: MonitorSubscription) async {
        for await item in subscription {
            guard case .event(let event) = item, event.kind == .playEnd, event.outcome?.known == .aired,
                  let id = event.alertId else { continue }
            let issuer = (try? context.store.alerts(id: id))?.first?.issuer
            let name = issuer.map { "\($0)/\(id)" } ?? id
            report(SiteEvent(type: .alertAired, at: context.clock.now(), alert: name))
        }
    }
}
