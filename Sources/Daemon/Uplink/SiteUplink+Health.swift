import ControlProtocol
import Foundation
import Uplink

extension SiteUplink {
    /// How often the health is looked at for a change.
    static let healthCheckInterval = Duration.seconds(2)
    /// The retained health's Message Expiry: three missed intervals, so a site that stopped publishing loses its
    /// health instead of showing a stale one (docs/call-home.md, "Health and events").
    var healthExpiry: Duration { healthInterval * 3 }

    /// Publishes the retained health whenever it says something new (the uptime and the position on air aside),
    /// and at least every ``healthInterval``, until ``stop()``.
    func publishHealth() async {
        var published: (key: [UInt8], at: ContinuousClock.Instant)?
        while !isStopping {
            if consumeHealthRequest() { published = nil }
            if client.state.isConnected {
                let health = context.health.snapshot().health
                let key = Self.healthKey(health)
                let now = ContinuousClock.now
                let due = published.map { $0.key != key || now - $0.at >= healthInterval } ?? true
                if due, await publish(health) { published = (key, now) }
            }
            try? await Task.sleep(for: Self.healthCheckInterval)
        }
    }

    /// Asks for the health to be published again at once (after a connection: the broker may have lost it).
    func publishHealthNow() {
        healthRequested.withLock { $0 = true }
    }

    private func consumeHealthRequest() -> Bool {
        healthRequested.withLock { requested in
            defer { requested = false }
            return requested
        }
    }

    private func publish(_ health: Site.Health) async -> Bool {
        do {
            let payload = JSONWriter.bytes(of: try JSONValue(encoding: health))
            let message = OutgoingMessage(topic: scheme.health(site: site), payload: payload, retain: true,
                                          expiry: healthExpiry, contentType: "application/json")
            _ = try await client.publish(message, within: .seconds(30))
            return true
        } catch {
            logger.warning("cannot publish the site's health", metadata: ["error": "\(error)"])
            return false
        }
    }

    /// The health without what changes on its own (uptime, position on air), to tell a real change.
    private static func healthKey(_ health: Site.Health) -> [UInt8] {
        var stable = health
        stable.uptimeS = 0
        stable.nowPlaying = stable.nowPlaying.map { playing in
            var playing = playing
            playing.positionS = 0
            return playing
        }
        return (try? JSONValue(encoding: stable)).map(JSONWriter.bytes(of:)) ?? []
    }
}
