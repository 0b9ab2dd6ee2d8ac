import CommuneCastTesting
import Foundation
import Logging
import Synchronization
import Uplink

/// A running ``UplinkClient`` for a test, with every event it reported kept in order, so a test can wait for the
/// event it needs (a connection, a failure, a message) with a generous deadline instead of sleeping.
final class UplinkRecorder: Sendable {
    /// The client.
    let client: UplinkClient
    private let recorded: EventLog

    /// The events, kept by the client's own thread as it reports them (a task could be held back by a busy pool).
    private final class EventLog: Sendable {
        let events = Mutex<[UplinkEvent]>([])
    }

    /// A client made with `configuration`, `store` and `logger` whose events are recorded, started on its own
    /// thread (unless `start` is false: then call `client.start()`).
    init(configuration: UplinkConfiguration, store: (any UplinkStore)?, logger: Logger,
         start: Bool = true) throws(UplinkError) {
        let log = EventLog()
        client = try UplinkClient(configuration: configuration, store: store, logger: logger,
                                  onEvent: { event in log.events.withLock { $0.append(event) } })
        recorded = log
        if start { client.start() }
    }

    /// A site's client for `site` on `brokers`, with its uplink certificate from `pki` (or `certificate`, a path
    /// under the PKI without `.pem`), its status and Will, and a reconnect policy quick enough for a test.
    static func site(_ site: String, brokers: [BrokerEndpoint], pki: TestPKI, certificate: String? = nil,
                     groups: [GroupID] = [], policy: ReconnectPolicy = .quick, willDelay: Duration = .seconds(1),
                     store: (any UplinkStore)? = nil, start: Bool = true,
                     configure: (inout UplinkConfiguration) -> Void = { _ in }) throws -> UplinkRecorder {
        let name = try SiteName(site)
        let file = certificate ?? "\(site)-uplink"
        var configuration = UplinkConfiguration(
            brokers: brokers, clientID: site,
            credentials: UplinkCredentials(caPath: pki.file("province-ca.pem"),
                                           certificatePath: pki.file("\(file).pem"), keyPath: pki.file("\(file).key"))
        )
        configuration.reconnect = policy
        configuration.presence = UplinkPresence(site: name, willDelay: willDelay)
        configure(&configuration)
        let recorder = try UplinkRecorder(configuration: configuration, store: store,
                                          logger: Logger(label: "test.uplink.\(site)"), start: false)
        if !groups.isEmpty {
            try recorder.client.setSubscriptions(TopicScheme().subscriptions(site: name, groups: groups))
        }
        if start { recorder.client.start() }
        return recorder
    }

    /// Every event so far.
    var events: [UplinkEvent] { recorded.events.withLock { $0 } }

    /// The messages delivered so far.
    var messages: [UplinkMessage] {
        events.compactMap { event in
            if case .message(let message) = event { return message }
            return nil
        }
    }

    /// The failures reported so far.
    var failures: [UplinkFailure] {
        events.compactMap { event in
            if case .connectionFailed(_, let failure, _) = event { return failure }
            return nil
        }
    }

    /// The waits reported after each failure.
    var retryWaits: [Duration] {
        events.compactMap { event in
            if case .connectionFailed(_, _, let wait) = event { return wait }
            return nil
        }
    }

    /// The connections made so far (broker and session number).
    var connections: [(broker: BrokerEndpoint, session: Int)] {
        events.compactMap { event in
            if case .connected(let broker, let session, _) = event { return (broker, session) }
            return nil
        }
    }

    /// Waits until `condition` holds on this recorder, for up to `timeout`.
    func wait(timeout: Duration = .seconds(60), _ condition: (UplinkRecorder) -> Bool) async throws -> Bool {
        try await Poll.until(timeout: timeout) { condition(self) }
    }

    /// Stops the client.
    func stop() async {
        await client.stop()
    }
}

extension ReconnectPolicy {
    /// Sub-second waits, so a test sees several attempts quickly; still drawn with full jitter.
    static let quick = ReconnectPolicy(initialCeiling: .milliseconds(400), maximumCeiling: .seconds(2),
                                       minimumDelay: .milliseconds(100), stableAfter: .seconds(60))
}

extension BrokerEndpoint {
    /// The test broker, by the name its certificate carries.
    init(_ broker: TestBroker) {
        self.init(host: "localhost", port: broker.port)
    }
}
