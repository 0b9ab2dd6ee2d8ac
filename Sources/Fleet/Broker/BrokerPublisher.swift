import Foundation
import Uplink

/// The office's publishing through the broker (docs/call-home.md): a signed alert once per group, retained in its
/// slot until it expires, and a command to one site with MQTT 5 request/response.
public struct BrokerPublisher: Sendable {
    /// The connection it publishes on.
    public let connection: BrokerConnection

    /// A publisher on `connection`.
    public init(connection: BrokerConnection) {
        self.connection = connection
    }

    /// Publishes a signed envelope once to each group: retained in the slot of alert `id` of `issuer` (for an
    /// update or a cancel, pass the ids it references as `slots`: the update or tombstone replaces what is there),
    /// with the Message Expiry set to the time left until `expires`. Returns the broker's receipts, one per group.
    ///
    /// - Throws: ``BrokerError/expired(id:)`` when `expires` has passed, or the first publish that failed.
    @discardableResult
    public func publishAlert(_ envelope: [UInt8], issuer: String, id: String, slots: [String]? = nil, expires: Date,
                             groups: [GroupID], now: Date = Date()) async throws(BrokerError) -> [PublishReceipt] {
        let left = expires.timeIntervalSince(now)
        guard left >= 1 else { throw .expired(id: id) }
        let scheme = connection.scheme
        var receipts: [PublishReceipt] = []
        for group in groups {
            for slotID in slots ?? [id] {
                let message = OutgoingMessage(
                    topic: scheme.alert(group: group, slot: AlertSlot(issuer: issuer, id: slotID)),
                    payload: envelope, retain: true, expiry: .seconds(Int64(left.rounded(.down))),
                    contentType: "application/jose+json",
                    userProperties: [.alert(issuer: issuer, id: id)]
                )
                receipts.append(try await connection.publish(message))
            }
        }
        return receipts
    }

    /// Sends `payload` (a signed varlink call, in stage 2) to `site`'s command topic and waits for the reply that
    /// carries our Correlation Data on our reply topic.
    public func request(site: SiteName, payload: [UInt8], contentType: String = "application/jose+json",
                        timeout: Duration = .seconds(30)) async throws(BrokerError) -> UplinkMessage {
        let scheme = connection.scheme
        let office = connection.office
        try connection.subscribe([scheme.replies(office: office)])
        let (_, cursor) = connection.messages(since: Int.max)
        let correlation = Array(UUID().uuidString.utf8)
        let message = OutgoingMessage(
            topic: scheme.commands(site: site), payload: payload, expiry: timeout,
            responseTopic: scheme.reply(site: site, office: office, request: UUID().uuidString.lowercased()),
            correlationData: correlation, contentType: contentType
        )
        try await connection.publish(message, within: timeout)
        let deadline = ContinuousClock.now + timeout
        var next = cursor
        // The inbox is read after every wait, the last one included (this task may resume after the deadline).
        while true {
            let (messages, after) = connection.messages(since: next)
            next = after
            if let reply = messages.first(where: { $0.correlationData == correlation }) { return reply }
            guard ContinuousClock.now < deadline else { throw .noReply(site: site.rawValue, after: timeout) }
            try? await Task.sleep(for: .milliseconds(5))
        }
    }
}
