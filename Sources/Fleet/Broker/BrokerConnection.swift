import Foundation
import Logging
import Synchronization
import Uplink

/// The office's connection to the call-home broker (issue 15): an ``UplinkClient`` with a clean session and no
/// status, under a staff member's certificate, whose deliveries are kept in order for the publisher and collector to
/// read. Short-lived: one command's worth.
public final class BrokerConnection: Sendable {
    /// The office's name: the CN of its certificate, which the broker makes its username.
    public let office: String
    /// The topics.
    public let scheme: TopicScheme
    /// The client.
    let client: UplinkClient
    private let inbox: BrokerInbox
    private let filters = Mutex<(all: [String], atMostOnce: Set<String>)>(([], []))

    /// A connection (not yet made) to `brokers` as `office`, with its certificate, key and the CA.
    public init(brokers: [BrokerEndpoint], credentials: UplinkCredentials, office: String,
                scheme: TopicScheme = TopicScheme(), logger: Logger) throws(BrokerError) {
        guard (try? SiteName(office)) != nil else { throw .invalidOfficeName(office) }
        var configuration = UplinkConfiguration(brokers: brokers, clientID: office, credentials: credentials)
        configuration.cleanStart = true
        configuration.deduplicationCapacity = 0
        configuration.maximumQueued = 4_096
        configuration.threadName = "cc-office"
        let inbox = BrokerInbox(logger: logger)
        do {
            client = try UplinkClient(configuration: configuration, logger: logger, onEvent: inbox.record)
        } catch {
            throw .cannotConnect(broker: brokers.map(\.description).joined(separator: ", "), failure: nil)
        }
        self.inbox = inbox
        self.office = office
        self.scheme = scheme
    }

    /// Starts the client and waits until it is connected, or `timeout` has passed.
    public func connect(subscribing filters: [String] = [],
                        timeout: Duration = .seconds(20)) async throws(BrokerError) {
        try subscribe(filters)
        client.start()
        let deadline = ContinuousClock.now + timeout
        // The state is checked after every wait, the last one included: on a busy machine this task may resume
        // only after the deadline, and a connection made meanwhile still counts.
        while !inbox.connected {
            guard ContinuousClock.now < deadline else {
                throw .cannotConnect(broker: client.configuration.brokers.map(\.description).joined(separator: ", "),
                                     failure: inbox.lastFailure)
            }
            try? await Task.sleep(for: .milliseconds(5))
        }
    }

    /// Adds subscriptions (the broker sends the retained messages of new ones at once). They are in place before
    /// anything published after this call reaches the broker: one connection's packets are handled in order.
    /// `atMostOnce` makes them at QoS 0 (see ``UplinkClient/setSubscriptions(_:atMostOnce:)``).
    public func subscribe(_ more: [String], atMostOnce: Bool = false) throws(BrokerError) {
        let (all, once) = filters.withLock { filters in
            filters.all += more.filter { !filters.all.contains($0) }
            if atMostOnce { filters.atMostOnce.formUnion(more) }
            return filters
        }
        do {
            try client.setSubscriptions(all, atMostOnce: once)
        } catch {
            throw .publishFailed(topic: more.joined(separator: " "), error)
        }
    }

    /// Publishes and waits for the broker's acknowledgement.
    @discardableResult
    public func publish(_ message: OutgoingMessage, within patience: Duration = .seconds(30))
        async throws(BrokerError) -> PublishReceipt {
        do {
            return try await client.publish(message, within: patience)
        } catch {
            throw .publishFailed(topic: message.topic, error)
        }
    }

    /// The messages delivered since `cursor` (0 for all), and the cursor to pass next time.
    public func messages(since cursor: Int) -> (messages: [UplinkMessage], next: Int) {
        inbox.messages(since: cursor)
    }

    /// Disconnects.
    public func close() async {
        await client.stop()
    }
}
