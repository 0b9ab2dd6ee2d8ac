import Foundation
import Store
import Uplink

/// The site's ``UplinkStore``: the outbox and the session counter in the daemon's SQLite store (migration
/// `v10-uplink-outbox`), so events that must reach the province survive a restart and session numbers keep growing.
/// Each message is kept as the JSON of its ``OutgoingMessage`` (topic, payload, properties); the store itself knows
/// nothing of MQTT.
struct StoreOutbox: UplinkStore {
    /// The most messages kept waiting: about a week of a busy site's events.
    static let capacity = 20_000

    let store: Store

    /// Keeps `message` until the broker acknowledges it.
    func append(_ message: OutgoingMessage) throws -> OutboxEntry {
        let key = try store.appendOutboxMessage(try JSONEncoder().encode(message), capacity: Self.capacity)
        return OutboxEntry(key: key, message: message)
    }

    /// The oldest `limit` waiting messages; a row that no longer decodes (edited by hand) is dropped and skipped.
    func pending(limit: Int) throws -> [OutboxEntry] {
        try store.pendingOutboxMessages(limit: limit).compactMap { row in
            guard let message = try? JSONDecoder().decode(OutgoingMessage.self, from: row.message) else {
                try store.removeOutboxMessage(key: row.key)
                return nil
            }
            return OutboxEntry(key: row.key, message: message)
        }
    }

    /// Forgets an acknowledged message.
    func remove(key: Int64) throws {
        try store.removeOutboxMessage(key: key)
    }

    /// The next session number, kept across restarts.
    func nextSessionNumber() throws -> Int {
        try store.nextUplinkSession()
    }
}
