import Foundation
import Logging
import Synchronization

/// The call-home client (issue 15): one MQTT 5 connection to the province's broker, over mutual TLS, kept up by one
/// dedicated thread that drives libmosquitto itself (docs/call-home.md, "The site's uplink").
///
/// A site uses it to subscribe to its groups' alerts and commands, receive them (each once), reply to commands,
/// publish its retained health and its events, and keep a status with a Last Will. The office (`Fleet`) uses the
/// same client, with a clean session and no presence, to publish and collect.
///
/// Every method may be called from any thread or task; the work happens on the uplink's thread, which ``run()``
/// becomes (the daemon runs it on a thread of its own) or ``start()`` creates.
public final class UplinkClient: Sendable {
    /// The configuration it was made with.
    public let configuration: UplinkConfiguration
    /// Connections, failures and messages, in order. One consumer; it ends after ``UplinkEvent/stopped``. Empty and
    /// finished for a client made with an `onEvent` function, which receives them instead.
    public let events: AsyncStream<UplinkEvent>
    private let sink: UplinkEventSink
    private let shared: UplinkShared
    private let store: (any UplinkStore)?
    private let clock: any UplinkClock
    private let random: any RandomNumberGenerator & Sendable
    private let logger: Logger

    /// A client that has not connected yet. `store` keeps the outbox and session counter (a site's SQLite store);
    /// `clock` and `random` drive deadlines and reconnect jitter, and are injected by tests. With `onEvent`, each
    /// event is handed to that function on the uplink's thread as it happens (it must not block), not to ``events``:
    /// a caller whose tasks may wait for a busy cooperative pool still sees every delivery at once.
    public init(configuration: UplinkConfiguration, store: (any UplinkStore)? = nil,
                clock: any UplinkClock = SystemUplinkClock(),
                random: any RandomNumberGenerator & Sendable = SystemRandomNumberGenerator(),
                logger: Logger, onEvent: (@Sendable (UplinkEvent) -> Void)? = nil) throws(UplinkError) {
        guard let first = configuration.brokers.first else { throw .configuration("no broker is configured") }
        try MosquittoLibrary.load()
        guard configuration.brokers.allSatisfy({ $0.usesTLS == first.usesTLS }) else {
            throw .configuration("the brokers mix mqtts:// and mqtt://; use one scheme for all")
        }
        self.configuration = configuration
        let (events, continuation) = AsyncStream.makeStream(of: UplinkEvent.self)
        self.events = events
        if let onEvent {
            continuation.finish()
            sink = UplinkEventSink(yield: onEvent, finish: {})
        } else {
            sink = UplinkEventSink(yield: { continuation.yield($0) }, finish: { continuation.finish() })
        }
        shared = try UplinkShared()
        self.store = store
        self.clock = clock
        self.random = random
        self.logger = logger
    }

    /// Runs the uplink on the calling thread until ``stop()``: connect, fail over, reconnect, deliver. Call it once,
    /// on a thread that may block (never a cooperative-pool thread or an event loop).
    public func run() {
        let first = shared.fields.withLock { fields in
            defer { fields.started = true }
            return !fields.started
        }
        guard first else { return }
        let loop = UplinkLoop(configuration: configuration, shared: shared, store: store, clock: clock,
                              random: random, events: sink, logger: logger)
        loop.run()
    }

    /// Runs the uplink on a new thread named after `configuration.threadName`.
    public func start() {
        let thread = Thread { [self] in run() }
        thread.name = configuration.threadName
        thread.start()
    }

    /// Says offline (for a site), disconnects, and waits until the thread has ended. Waiting publishes end with
    /// ``UplinkError/stopped``. A thread blocked in a TCP connect ends when the connect returns.
    public func stop() async {
        await withCheckedContinuation { (waiter: CheckedContinuation<Void, Never>) in
            let done = shared.fields.withLock { fields -> Bool in
                fields.stopRequested = true
                guard fields.started, !fields.finished else { return true }
                fields.finishWaiters.append(waiter)
                return false
            }
            if done {
                waiter.resume()
            } else {
                shared.send(.stop)
            }
        }
    }

    /// The current state.
    public var state: UplinkState { shared.fields.withLock { $0.state } }

    /// The kernel thread id of the uplink's thread while it runs (for `/proc/self/task/ID/stat`).
    public var threadID: Int32? { shared.fields.withLock { $0.threadID } }

    /// Replaces the subscriptions (QoS 1, retained messages sent on every subscribe). They are made again on every
    /// connection, so a broker that lost our session, or the second broker, has them too.
    ///
    /// Filters in `atMostOnce` are made at QoS 0: for reading many retained messages at once (the office reading
    /// 3,360 sites' health), which at QoS 1 would overflow the broker's per-client queue (`max_queued_messages`) and
    /// be dropped; at QoS 0 they are written straight out, in order.
    public func setSubscriptions(_ filters: [String], atMostOnce: Set<String> = []) throws(UplinkError) {
        if let bad = filters.first(where: { !MosquittoLibrary.isValidFilter($0) }) { throw .invalidTopic(bad) }
        shared.send(.subscriptions(filters, atMostOnce: atMostOnce))
    }

    /// Publishes `message` and returns when the broker has acknowledged it (QoS 1) or it was written (QoS 0).
    /// Waits for a connection if there is none, for at most `patience`.
    ///
    /// - Throws: ``UplinkError``: the queue is full, the broker refused it (its ACL, its size limit), it is larger
    ///   than the broker accepts, the deadline passed, or the client stopped.
    public func publish(_ message: OutgoingMessage, within patience: Duration = .seconds(60))
        async throws(UplinkError) -> PublishReceipt {
        guard MosquittoLibrary.isValidTopic(message.topic) else { throw .invalidTopic(message.topic) }
        let limit = configuration.maximumQueued
        let deadline = clock.now() + patience
        typealias Waiter = CheckedContinuation<Result<PublishReceipt, UplinkError>, Never>
        let result = await withCheckedContinuation { (waiter: Waiter) in
            let refusal = shared.fields.withLock { fields -> UplinkError? in
                if fields.stopRequested || fields.finished { return .stopped }
                if fields.outstanding >= limit { return .queueFull(limit: limit) }
                fields.outstanding += 1
                fields.requests.append(.publish(PendingPublish(message: message, deadline: deadline,
                                                               patience: patience, continuation: waiter)))
                return nil
            }
            if let refusal {
                waiter.resume(returning: .failure(refusal))
            } else {
                shared.wake.signal()
            }
        }
        return try result.get()
    }

    /// Keeps `message` in the store's outbox, to be published (and retried after a restart) until the broker
    /// acknowledges it.
    public func publishDurably(_ message: OutgoingMessage) throws(UplinkError) {
        guard let store else { throw .noStore }
        guard MosquittoLibrary.isValidTopic(message.topic) else { throw .invalidTopic(message.topic) }
        do {
            _ = try store.append(message)
        } catch let error as UplinkError {
            throw error
        } catch {
            throw .store("\(error)")
        }
        shared.send(.outbox)
    }

    /// Replies to a request (MQTT 5 request/response): publishes `payload` to its Response Topic with its
    /// Correlation Data. For a site, the topic must lie in its own reply tree.
    public func respond(to request: UplinkMessage, payload: [UInt8], contentType: String? = nil,
                        within patience: Duration = .seconds(60)) async throws(UplinkError) -> PublishReceipt {
        guard let topic = request.responseTopic else { throw .notARequest(topic: request.topic) }
        if let prefix = configuration.presence?.replyPrefix, !topic.hasPrefix(prefix) {
            throw .responseTopicNotAllowed(topic)
        }
        let reply = OutgoingMessage(topic: topic, payload: payload, correlationData: request.correlationData,
                                    contentType: contentType)
        return try await publish(reply, within: patience)
    }
}
