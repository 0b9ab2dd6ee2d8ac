import Foundation
import Glibc
import HostSystem
import Logging

/// The uplink's thread: one libmosquitto handle, driven by `poll` on its socket and on the wake-up pipe, never by
/// libmosquitto's own threads. Everything here runs on that thread; other threads reach it through ``UplinkShared``.
final class UplinkLoop {
    /// Where the connection stands.
    enum Phase {
        /// Not connected; the next attempt is due at `until`.
        case waiting(until: ContinuousClock.Instant)
        /// TCP is up (or connecting); TLS, CONNECT and CONNACK are under way until `deadline`.
        case connecting(deadline: ContinuousClock.Instant)
        /// CONNACK 0 arrived.
        case connected
    }

    /// What a message id in flight belongs to.
    enum Inflight {
        /// A caller's publish.
        case request(PendingPublish)
        /// An outbox entry.
        case outbox(key: Int64)
        /// Our own status message (online, or offline on stop).
        case status
    }

    let configuration: UplinkConfiguration
    let shared: UplinkShared
    let store: (any UplinkStore)?
    let clock: any UplinkClock
    let events: UplinkEventSink
    let logger: Logger
    var schedule: ReconnectSchedule
    var deduplicator: Deduplicator
    var handle: MosquittoHandle?
    var phase: Phase
    /// The broker of the current attempt or connection.
    var broker: BrokerEndpoint
    /// The current session number.
    var session = 0
    /// The filters we want.
    var subscriptions: [String] = []
    /// The filters of `subscriptions` made at QoS 0.
    var atMostOnce: Set<String> = []
    /// SUBSCRIBE message ids and their filters, until the SUBACK.
    var subscribing: [Int32: String] = [:]
    /// Publishes waiting for a connection.
    var waiting: [PendingPublish] = []
    /// Publishes handed to libmosquitto and not yet acknowledged, by message id.
    var inflight: [Int32: Inflight] = [:]
    /// Outbox entries in flight, with the time after which they may be published again.
    var outboxInflight: [Int64: ContinuousClock.Instant] = [:]
    /// The outbox may hold entries not yet in flight.
    var outboxDirty = true
    /// The last OpenSSL error libmosquitto logged during this attempt.
    var lastTLSError: String?
    /// What a callback learnt about why the connection is ending (a CONNACK refusal, the broker's DISCONNECT).
    var endingCause: UplinkFailure?

    /// A loop that has not started.
    init(configuration: UplinkConfiguration, shared: UplinkShared, store: (any UplinkStore)?, clock: any UplinkClock,
         random: any RandomNumberGenerator, events: UplinkEventSink, logger: Logger) {
        self.configuration = configuration
        self.shared = shared
        self.store = store
        self.clock = clock
        self.events = events
        self.logger = logger
        schedule = ReconnectSchedule(policy: configuration.reconnect, brokerCount: configuration.brokers.count,
                                     random: random)
        deduplicator = Deduplicator(capacity: configuration.deduplicationCapacity,
                                    lifetime: configuration.deduplicationLifetime)
        broker = configuration.brokers[0]
        phase = .waiting(until: clock.now())
    }

    /// Runs until a stop request, then says offline, disconnects and reports the end.
    func run() {
        shared.fields.withLock { $0.threadID = Self.currentThreadID() }
        NamedThread.nameCurrentThread(configuration.threadName)
        logger.info("uplink starting", metadata: [
            "brokers": "\(configuration.brokers.map(\.description).joined(separator: " "))",
            "libmosquitto": "\(MosquittoLibrary.version)",
        ])
        while !takeRequests() {
            expireDeadlines()
            let now = clock.now()
            switch phase {
            case .waiting(let until):
                if now >= until {
                    attempt()
                } else {
                    sleep(until: until)
                }
            case .connecting(let deadline):
                if now >= deadline {
                    connectionEnded(.timedOut(after: configuration.connectTimeout))
                } else {
                    service(until: deadline)
                }
            case .connected:
                publishWaiting()
                drainOutbox()
                service(until: now + .seconds(1))
            }
        }
        shutdown()
    }

    /// Takes the requests other threads queued; returns true on a stop request.
    private func takeRequests() -> Bool {
        let requests = shared.fields.withLock { fields in
            defer { fields.requests.removeAll() }
            return fields.requests
        }
        var stop = false
        for request in requests {
            switch request {
            case .publish(let pending): waiting.append(pending)
            case .subscriptions(let filters, let atMostOnce):
                self.atMostOnce = atMostOnce
                replaceSubscriptions(filters)
            case .outbox: outboxDirty = true
            case .stop: stop = true
            }
        }
        return stop
    }

    /// Sets the state callers and tests see.
    func setState(_ state: UplinkState) {
        shared.fields.withLock { $0.state = state }
    }

    /// Waits for a wake-up until `until` (or the earliest publish deadline), not connected.
    private func sleep(until: ContinuousClock.Instant) {
        var descriptors = [pollfd(fd: shared.wake.readEnd, events: Int16(POLLIN), revents: 0)]
        _ = poll(&descriptors, 1, milliseconds(until: min(until, nextDeadline() ?? until)))
        shared.wake.drain()
    }

    /// Polls the connection's socket and the wake-up pipe until something happens or `until`, then lets libmosquitto
    /// read, write and keep the connection alive.
    func service(until: ContinuousClock.Instant) {
        guard let handle, let socket = handle.socket else {
            connectionEnded(endingCause ?? .connectionLost(reason: "the connection closed"))
            return
        }
        var events = Int16(POLLIN)
        if handle.wantsWrite { events |= Int16(POLLOUT) }
        var descriptors = [
            pollfd(fd: socket, events: events, revents: 0),
            pollfd(fd: shared.wake.readEnd, events: Int16(POLLIN), revents: 0),
        ]
        let wake = min(until, nextDeadline() ?? until, clock.now() + .seconds(1))
        _ = poll(&descriptors, 2, milliseconds(until: wake))
        if descriptors[1].revents != 0 { shared.wake.drain() }
        do {
            if descriptors[0].revents & Int16(POLLIN | POLLERR | POLLHUP) != 0 { try handle.read() }
            if handle.socket != nil, handle.wantsWrite { try handle.write() }
            if handle.socket != nil { try handle.misc() }
        } catch {
            connectionEnded(endingCause ?? classify(error))
            return
        }
        if handle.socket == nil {
            connectionEnded(endingCause ?? .connectionLost(reason: "the connection closed"))
        }
    }

    /// Milliseconds from now to `instant`, at least 0, for `poll`.
    private func milliseconds(until instant: ContinuousClock.Instant) -> Int32 {
        let left = instant - clock.now()
        guard left > .zero else { return 0 }
        let milliseconds = left / .milliseconds(1)
        return Int32(min(milliseconds.rounded(.up), Double(Int32.max)))
    }

    /// The kernel's id for the calling thread, read from `/proc/thread-self` (`PID/task/TID`).
    private static func currentThreadID() -> Int32? {
        var buffer = [UInt8](repeating: 0, count: 64)
        let count = buffer.withUnsafeMutableBufferPointer { bytes in
            bytes.baseAddress.map { base in
                base.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
                    readlink("/proc/thread-self", $0, bytes.count - 1)
                }
            } ?? -1
        }
        guard count > 0 else { return nil }
        return String(decoding: buffer.prefix(count), as: UTF8.self).split(separator: "/").last.flatMap { Int32($0) }
    }
}
