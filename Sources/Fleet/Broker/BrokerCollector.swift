import Foundation
import Uplink

/// The office's collecting through the broker (docs/call-home.md): each site's result of a push from the sites'
/// events and statuses within a deadline, and every site's retained status and health at once.
public struct BrokerCollector: Sendable {
    /// The connection it reads from.
    public let connection: BrokerConnection

    /// A collector on `connection`.
    public init(connection: BrokerConnection) {
        self.connection = connection
    }

    /// The subscriptions ``gatherAlertResults(alert:sites:since:deadline:)`` needs, made before publishing so no
    /// answer is missed: every site's events and status.
    public var filters: [String] { [connection.scheme.allEvents, connection.scheme.allStatus] }

    /// Gathers each of `sites`' answer to the alert `alert` (`ISSUER/ID`) from the messages delivered after
    /// `cursor`, until every site has answered or `deadline` has passed. A site that answered is `ok` (received,
    /// aired, or a duplicate), `refused` (with its code) or `error` (its media was missing); one that did not is
    /// `offline` if its status says so or it has none, else `timed out`. `progress` is told the number of sites
    /// that answered, and how many of them `ok`, whenever it grows.
    public func gatherAlertResults(alert: String, sites: [SiteName], since cursor: Int = 0, deadline: Duration,
                                   progress: ((_ answered: Int, _ ok: Int) -> Void)? = nil)
        async -> [BrokerSiteResult] {
        let started = ContinuousClock.now
        var answers: [SiteName: (SiteResultKind, String?, Double)] = [:]
        var statuses: [SiteName: SiteStatus] = [:]
        let wanted = Set(sites)
        var next = cursor
        var reported = 0
        while true {
            let (messages, after) = connection.messages(since: next)
            next = after
            let elapsed = Self.seconds(ContinuousClock.now - started)
            for message in messages {
                switch connection.scheme.parse(message.topic) {
                case .status(let site)?:
                    guard let status = try? SiteStatus(payload: message.payload) else { continue }
                    if status.session >= statuses[site]?.session ?? Int.min { statuses[site] = status }
                case .event(let site)? where wanted.contains(site) && answers[site] == nil:
                    guard let event = try? SiteEvent(payload: message.payload), event.alert == alert,
                          let answer = Self.answer(event) else { continue }
                    answers[site] = (answer.0, answer.1, elapsed)
                default:
                    continue
                }
            }
            if let progress, answers.count != reported {
                reported = answers.count
                progress(reported, answers.values.filter { $0.0 == .ok }.count)
            }
            if answers.count == wanted.count || ContinuousClock.now - started >= deadline { break }
            try? await Task.sleep(for: .milliseconds(5))
        }
        let end = Self.seconds(ContinuousClock.now - started)
        return sites.map { site in
            let status = statuses[site]
            if let (kind, message, seconds) = answers[site] {
                return BrokerSiteResult(site: site, kind: kind, message: message, seconds: seconds, status: status)
            }
            if status == nil || status?.state == .offline {
                let why = status == nil ? "the broker has no status for this site: it never connected"
                    : "offline since session \(status?.session ?? 0) ended"
                return BrokerSiteResult(site: site, kind: .offline, message: why, seconds: end, status: status)
            }
            return BrokerSiteResult(site: site, kind: .timedOut, message: "online, but no answer within \(deadline)",
                                    seconds: end, status: status)
        }
    }

    /// Reads every site's retained status and health (or only `sites`'). Subscribes, then publishes a marker to the
    /// office's own topic: Mosquitto delivers the retained messages of a subscription before anything published
    /// after it, so the marker's return means all of them have arrived. On a clustered broker, where that order is
    /// not promised, reading also ends when every site of `sites` has both, or at `timeout`. A filter this connection
    /// already had is not subscribed again, so its retained messages are not sent again: read on a fresh connection.
    ///
    /// - Returns: the records, and whether the marker came back (false: cut short by `timeout`).
    public func readRetained(sites: [SiteName]? = nil, timeout: Duration = .seconds(10))
        async throws(BrokerError) -> (sites: [SiteName: RetainedSite], complete: Bool) {
        let scheme = connection.scheme
        let marker = "\(scheme.office(connection.office))/sync/\(UUID().uuidString.lowercased())"
        let (_, cursor) = connection.messages(since: Int.max)
        // At most once, the retained messages and the marker alike: at QoS 1, more than `max_queued_messages` of
        // them would be dropped by the broker, and a QoS 0 marker would overtake those still queued.
        try connection.subscribe([scheme.allStatus, scheme.allHealth, marker], atMostOnce: true)
        try await connection.publish(OutgoingMessage(topic: marker, payload: [], qos: .atMostOnce), within: timeout)
        let started = ContinuousClock.now
        let wanted = sites.map(Set.init)
        var records: [SiteName: RetainedSite] = [:]
        var next = cursor
        var complete = false
        // The inbox is read after every wait, the last one included (this task may resume after the deadline).
        while true {
            let (messages, after) = connection.messages(since: next)
            next = after
            for message in messages {
                if message.topic == marker {
                    complete = true
                    continue
                }
                switch scheme.parse(message.topic) {
                case .status(let site)? where wanted?.contains(site) ?? true:
                    guard let status = try? SiteStatus(payload: message.payload),
                          status.session >= records[site]?.status?.session ?? Int.min else { continue }
                    records[site, default: RetainedSite()].status = status
                case .health(let site)? where wanted?.contains(site) ?? true:
                    records[site, default: RetainedSite()].health = message.payload
                    records[site, default: RetainedSite()].healthExpiry = message.expiry
                default:
                    continue
                }
            }
            if complete { break }
            if let wanted, wanted.allSatisfy({ records[$0]?.status != nil && records[$0]?.health != nil }) { break }
            if ContinuousClock.now - started >= timeout { break }
            try? await Task.sleep(for: .milliseconds(5))
        }
        return (records, complete)
    }

    /// What an event says about the alert, or nil for an event that is not an answer (an as-run line).
    private static func answer(_ event: SiteEvent) -> (SiteResultKind, String?)? {
        let said = [event.code, event.message].compactMap { $0 }.joined(separator: ": ")
        switch event.type {
        case .alertReceived, .alertAired: return (.ok, said.isEmpty ? nil : said)
        case .alertRefused: return (.refused, said.isEmpty ? "refused" : said)
        case .mediaMissing: return (.error, said.isEmpty ? "the site could not get the alert's media" : said)
        case .asRun, .configApplied, .configRefused: return nil
        }
    }

    private static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
