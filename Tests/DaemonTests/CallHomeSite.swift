import AlertTrust
import CommuneCastTesting
import ControlProtocol
import Fleet
import Foundation
import Logging
import Uplink

/// A real `communecastd` calling home to test brokers (issue 15): `site.name` is its uplink certificate's CN
/// (`xa-an-phu`, `xa-phu-tan`, `xa-cho-moi` in the test PKI), it subscribes to group `p-89` and takes signed alerts
/// from the two provincial people of the ACL (which also lists giam-sat as a monitor), and the Will is published 2 s
/// after a lost connection.
final class CallHomeSite {
    let daemon: DaemonHarness
    let name: String
    let pki: TestPKI
    /// The issuer the signed alerts of these tests carry.
    static let issuer = "So TT-TT An Giang"
    /// The group the sites subscribe to.
    static let group = "p-89"

    /// Writes the configuration for `brokers`, after the addresses `before` (brokers that cannot be reached), and
    /// starts the daemon (it connects by itself). With `tls`, it also listens for mutual TLS on a loopback port
    /// (``DaemonHarness/tlsPort(timeout:)``) with the same ACL, so the province can dial it as well.
    init(_ name: String, brokers: [TestBroker], before: [String] = [], groups: [String] = [CallHomeSite.group],
         mediaHost: String? = nil, tls: Bool = false, start: Bool = true) throws {
        pki = try brokers.first?.pki ?? TestPKI.shared()
        self.name = name
        let acl = try TemporaryDirectory(prefix: "callhome-acl").file("acl.yaml")
        try """
            clients:
              - {cn: so-tt-an-giang, role: provincial}
              - {cn: pho-giam-doc, role: provincial}
              - {sha256: "\(try pki.fingerprint("giam-sat"))", role: monitor}
            """.write(toFile: acl, atomically: true, encoding: .utf8)
        let addresses = (before + brokers.map { "mqtts://localhost:\($0.port)" }).map { "\"\($0)\"" }
            .joined(separator: ", ")
        let configuration = """
            alerts:
              trust_ca: \(pki.file("province-ca.pem"))
              acl: \(acl)
              tags: [ven-song]
            uplink:
              brokers: [\(addresses)]
              cert: \(pki.file("\(name)-uplink.pem"))
              key: \(pki.file("\(name)-uplink.key"))
              groups: [\(groups.joined(separator: ", "))]
              will_delay_s: 2
              health_interval_s: 10
            """ + (mediaHost.map { "\n  media_host: \($0)" } ?? "")
            + (tls ? "\n" + DaemonHarness.tlsConfiguration(pki: pki, acl: acl) : "")
        daemon = try DaemonHarness(extraConfiguration: configuration, siteName: name)
        if start { try daemon.start() }
    }

    /// How many times the uplink has connected since the daemon's log began.
    var connections: Int {
        daemon.log.components(separatedBy: "uplink connected").count - 1
    }

    /// Waits until the uplink has connected `count` times in all.
    func waitUntilConnected(count: Int = 1) async -> Bool {
        (try? await Poll.until(timeout: .seconds(90)) { connections >= count }) ?? false
    }

    /// Waits until the site's subscriptions are in place at `broker`: its retained health has arrived there. The
    /// uplink queues its SUBSCRIBE right after the CONNACK and publishes its health only later on the same
    /// connection, which the broker reads in order; "connected" alone does not mean subscribed, and a command
    /// published before the subscription would be lost.
    func waitUntilSubscribed(office: BrokerConnection) async throws -> Bool {
        let topic = TopicScheme().health(site: try Uplink.SiteName(name))
        try office.subscribe([topic])
        return try await Poll.until(timeout: .seconds(90)) {
            office.messages(since: 0).messages.contains { $0.topic == topic }
        }
    }

    /// How many times alert `id` aired (as-run).
    func airings(_ id: String) throws -> Int {
        try daemon.asRun().filter { $0["source"] as? String == "alert:\(id)" && $0["outcome"] as? String == "aired" }
            .count
    }

    /// Waits until alert `id` has aired.
    func waitUntilAired(_ id: String) async throws -> Bool {
        try await Poll.until(timeout: .seconds(90)) { try airings(id) >= 1 }
    }

    /// The audit rows of alerts from the broker, as "role|result|summary".
    func brokerAuditRows() throws -> [String] {
        try daemon.databaseRows("SELECT role, result, summary FROM audit WHERE identity LIKE 'mqtt:%' ORDER BY id")
    }

    func cleanUp() { daemon.cleanUp() }

    // MARK: Signed alerts

    /// A signer from the test PKI.
    static func signer(_ name: String, pki: TestPKI) async throws -> AlertSigner {
        try await AlertSigner(certificatePath: pki.file("\(name).pem"), keyPath: pki.file("\(name).key"),
                              issuerPath: pki.file("province-ca.pem"), now: Date())
    }

    /// An emergency for the `ven-song` tag (the attention tone only, so no media is needed), sent at `sent`,
    /// in force `lifetime` seconds, aired `repeatCount` times 2 s apart, signed by the province's two people at
    /// `signedAt`.
    static func envelope(id: String, pki: TestPKI, sent: Date = Date(), lifetime: Double = 3_600,
                         signedAt: Date = Date(), audience: AlertAudience = AlertAudience(tags: ["ven-song"]),
                         type: AlertMessageType = .alert, references: [String] = [], repeatCount: Int = 1)
        async throws -> [UInt8] {
        let payload = AlertPayload(
            issuer: issuer, id: id, sent: sent, expires: sent.addingTimeInterval(lifetime), audience: audience,
            messageType: type, references: references, level: .emergency, repeatCount: repeatCount,
            intervalSeconds: repeatCount > 1 ? 2 : 0, content: AlertContent(tone: true)
        )
        var envelope = AlertEnvelope(payload: payload)
        try await signer("so-tt-an-giang", pki: pki).sign(&envelope, part: .draft, at: signedAt)
        if type != .cancel { try await signer("pho-giam-doc", pki: pki).sign(&envelope, part: .approve, at: signedAt) }
        return Array(envelope.serialized())
    }

    // MARK: The office

    /// The office as `so-tt-an-giang` on `brokers`, subscribed to every site's events and status unless
    /// `subscribing` is false (for `BrokerCollector.readRetained`, which subscribes itself).
    static func office(_ brokers: [TestBroker], subscribing: Bool = true) async throws -> BrokerConnection {
        let pki = brokers[0].pki
        let office = try BrokerConnection(
            brokers: brokers.map { BrokerEndpoint(host: "localhost", port: $0.port) },
            credentials: UplinkCredentials(caPath: pki.file("province-ca.pem"),
                                           certificatePath: pki.file("so-tt-an-giang.pem"),
                                           keyPath: pki.file("so-tt-an-giang.key")),
            office: "so-tt-an-giang", logger: Logger(label: "test.office"))
        let scheme = TopicScheme()
        try await office.connect(subscribing: subscribing ? [scheme.allEvents, scheme.allStatus] : [],
                                 timeout: .seconds(120))
        return office
    }

    /// The events `site` published about `alert` (`ISSUER/ID`) that the office received.
    static func events(_ office: BrokerConnection, site: String, alert: String) -> [SiteEvent] {
        guard let name = try? Uplink.SiteName(site) else { return [] }
        let topic = TopicScheme().events(site: name)
        return office.messages(since: 0).messages.filter { $0.topic == topic }
            .compactMap { try? SiteEvent(payload: $0.payload) }.filter { $0.alert == alert }
    }

    /// Waits until `site` has published an event of `type` about alert `id`.
    static func waitForEvent(_ office: BrokerConnection, site: String, id: String, type: SiteEvent.Kind) async
        -> SiteEvent? {
        var found: SiteEvent?
        _ = try? await Poll.until(timeout: .seconds(90)) {
            found = events(office, site: site, alert: "\(issuer)/\(id)").first { $0.type == type }
            return found != nil
        }
        return found
    }
}

/// A test broker, site xa-an-phu connected to it, and the office: how most call-home tests begin. The test closes
/// the office at its end and calls ``cleanUp()`` in a `defer`.
final class CallHomeFixture {
    let broker: TestBroker
    let site: CallHomeSite
    let office: BrokerConnection

    private init(broker: TestBroker, site: CallHomeSite, office: BrokerConnection) {
        self.broker = broker
        self.site = site
        self.office = office
    }

    /// Starts the broker and the site, waits until the site is connected and subscribed, and connects the office.
    static func start() async throws -> CallHomeFixture {
        let broker = try TestBroker()
        do {
            let site = try CallHomeSite("xa-an-phu", brokers: [broker])
            let office = try await CallHomeSite.office([broker])
            guard await site.waitUntilConnected(), try await site.waitUntilSubscribed(office: office) else {
                await office.close()
                site.cleanUp()
                throw HarnessError("xa-an-phu did not connect to the broker:\n\(site.daemon.log)")
            }
            return CallHomeFixture(broker: broker, site: site, office: office)
        } catch {
            broker.remove()
            throw error
        }
    }

    /// Stops the site and the broker.
    func cleanUp() {
        site.cleanUp()
        broker.remove()
    }
}
