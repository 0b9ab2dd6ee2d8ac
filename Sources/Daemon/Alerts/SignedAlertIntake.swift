import AlertTrust
import BroadcastModel
import ControlProtocol
import Foundation
import Logging
import Store

/// Where a signed alert enters the site (issue 14): the verifier first (size, strict parse, algorithms, signatures
/// to the pinned provincial CA, audience, time, roles from the site's own ACL, people), then the replay store and
/// the airing or cancelling in one transaction, then the alert manager puts it on air.
///
/// Every refusal is logged with its code and sentence, airs nothing and leaves the store unchanged; a duplicate is
/// acknowledged; an equivocation is refused and raised in health.
final class SignedAlertIntake: Sendable {
    /// Why the site cannot verify signed alerts at all, when it cannot: no CA to pin, or no ACL for the signers.
    let unavailable: String?
    private let verifier: AlertVerifier?
    private let acl: ACLFile?
    private let replayGuard: ReplayGuard
    private let store: Store
    private let alerts: AlertManager
    private let media: MediaLibrary
    /// Fetches media an alert names that the site lacks, when `uplink.media_host` is set (issue 15).
    let mediaFetcher: MediaFetcher?
    private let health: SiteHealth
    private let logger: Logger
    /// The site's one wall clock: freshness, expiry and the replay store's retention.
    private let clock: any Clock

    /// Pins the CA and opens the ACL that `configuration` names (`alerts.trust_ca` and `alerts.acl`, else the TLS
    /// ones). A site with neither still starts, and refuses every signed alert saying why; a CA or ACL file that is
    /// named but unusable stops the start-up, naming the file.
    init(configuration: DaemonConfiguration, tls: TLSSettings, store: Store, alerts: AlertManager,
         media: MediaLibrary, health: SiteHealth, clock: any Clock, logger: Logger)
        throws {
        let settings = configuration.alerts
        let caPath = settings.trustCA ?? tls.clientCA
        let aclPath = settings.acl ?? tls.acl
        if let caPath, let aclPath {
            let trust = try ProvincialTrust(path: caPath)
            verifier = AlertVerifier(
                trust: trust, site: settings.identity(siteName: configuration.siteName,
                                                      communeCode: configuration.communeCode),
                policy: settings.policy
            )
            acl = try ACLFile(path: aclPath, logger: logger)
            unavailable = nil
        } else {
            verifier = nil
            acl = nil
            unavailable = "this site pins no provincial CA or has no ACL for signers; set alerts.trust_ca and "
                + "alerts.acl (or tls.client_ca and tls.acl) in communecastd.yaml"
        }
        replayGuard = settings.replayGuard
        mediaFetcher = configuration.uplink.mediaHost.map {
            MediaFetcher(host: $0, library: media, clock: clock, logger: logger)
        }
        self.store = store
        self.alerts = alerts
        self.media = media
        self.health = health
        self.logger = logger
        self.clock = clock
    }

    /// Deletes replay rows past their retention; returns how many.
    func prune() throws -> Int {
        try store.pruneReplay(now: clock.now(), replayGuard: replayGuard)
    }

    /// Verifies one envelope as received, logging a refusal with its code, step and sentence; `carrier` names the
    /// caller for the log, and `freshness` is the signature-age rule its transport calls for (the window, except
    /// for a retained alert from the broker). Nothing is stored yet.
    func verify(_ envelope: String, carrier: String, freshness: SignatureFreshness = .window) async throws
        -> VerifiedAlert {
        guard let verifier, let acl else { throw refuse("no_trust", unavailable ?? "", carrier: carrier) }
        let ruleBook = acl.current()
        do {
            return try await verifier.verify(
                Array(envelope.utf8), now: clock.now(), standing: { ruleBook?.standing(of: $0) ?? .unlisted },
                referencedRole: { [store] in store.recordedRole(of: $0) }, freshness: freshness
            )
        } catch {
            throw refuse(error.code, error.detail, carrier: carrier, step: "\(error.step)", freshness: freshness)
        }
    }

    /// Verifies a signed command (issue 15) for one of `recipients` against the same pinned CA and ACL as signed
    /// alerts, with the signature window (without its maximum age when `checkAge` is false: a retained
    /// configuration); a refusal is logged as one and thrown as ``SiteFailure/alertRefused``.
    func verifyCommand(_ bytes: [UInt8], recipients: Set<String>, carrier: String,
                       checkAge: Bool = true) async throws -> VerifiedCommand {
        guard let verifier, let acl else { throw refuse("no_trust", unavailable ?? "", carrier: carrier) }
        let ruleBook = acl.current()
        do {
            return try await CommandVerifier(alerts: verifier).verify(
                bytes, now: clock.now(), recipients: recipients, checkAge: checkAge,
                standing: { ruleBook?.standing(of: $0) ?? .unlisted }
            )
        } catch {
            throw refuse(error.code, error.detail, carrier: carrier, step: "\(error.step)")
        }
    }

    /// Whether `verified` names media the site does not hold and the media host could provide.
    func lacksMedia(_ verified: VerifiedAlert) -> Bool {
        guard mediaFetcher != nil, let sha = verified.payload.content.media else { return false }
        return (try? store.media(sha256: sha)) == nil
    }

    /// Makes sure the site holds the media `verified` names, fetching it from the media host until `deadline` or
    /// the alert's expiry, whichever comes first (issue 15 §5). Without a media host nothing is fetched, and
    /// ``admit(_:carrier:)`` refuses an alert whose media is missing, as before. Throws
    /// ``SiteFailure/alertRefused(code:reason:)`` with code `media_missing` when the media could not be had: the
    /// alert is not admitted (a later copy may try again while it is in force) and never airs.
    func ensureMedia(_ verified: VerifiedAlert, carrier: String, until deadline: Date? = nil) async throws {
        guard let mediaFetcher, let sha = verified.payload.content.media, lacksMedia(verified) else { return }
        let expires = verified.payload.expires
        do {
            _ = try await mediaFetcher.media(sha, until: deadline.map { min($0, expires) } ?? expires)
        } catch {
            throw refuse("media_missing", "\(error); the alert will not air", carrier: carrier)
        }
    }

    /// Writes the as-run line of an alert that will not air because its media could not be fetched.
    func recordMissingMedia(_ verified: VerifiedAlert, reason: String) {
        let payload = verified.payload
        do {
            _ = try store.appendAsRun(AsRunEntry(
                plannedAt: clock.now(), level: payload.level.level, mediaSHA256: payload.content.media,
                source: ItemSource.alert(id: payload.id).description, outcome: .failed,
                reason: "media.missing: \(reason)", status: payload.status,
                signedBy: verified.drafter?.identity.description
            ))
        } catch {
            logger.error("cannot write the as-run log", metadata: ["error": "\(error)"])
        }
    }

    /// Admits a verified message to the replay store and the alerts in one transaction, then airs or takes off
    /// what it says. Blocks while text content is spoken, so a caller on the cooperative pool runs it on a thread
    /// of its own when the payload has text.
    func admit(_ verified: VerifiedAlert, carrier: String) throws -> SignedAlertReceipt {
        let payload = verified.payload
        let airing = try airing(of: verified)
        let admission = try store.admitSignedAlert(ReplayCandidate(verified), replayGuard: replayGuard,
                                                   airing: airing)
        var metadata: Logger.Metadata = [
            "alert.id": "\(payload.id)", "issuer": "\(payload.issuer)", "sha256": "\(verified.fingerprint.hex)",
            "type": "\(payload.messageType)", "level": "\(payload.level.rawValue)",
            "status": "\(payload.status.rawValue)", "drafter": "\(verified.drafter.map(\.identity.description) ?? "")",
            "approvers": "\(verified.approvers.map(\.identity.description).joined(separator: ", "))",
            "carrier": "\(carrier)",
        ]
        switch admission.decision {
        case .accepted(_, let overruled):
            if let overruled { metadata["overruled_tombstone"] = "\(overruled.id)" }
            logger.notice("signed alert accepted", metadata: metadata)
            alerts.applySigned(admission, messageID: payload.id)
            return SignedAlertReceipt(outcome: "accepted", sha256: verified.fingerprint.hex, admission: admission)
        case .duplicate:
            logger.notice("signed alert duplicate: acknowledged, not aired again", metadata: metadata)
            return SignedAlertReceipt(outcome: "duplicate", sha256: verified.fingerprint.hex, admission: admission)
        case .suppressed(let closure):
            metadata["closed_by"] = "\(closure.id)"
            logger.notice("signed alert suppressed: a newer message already closed it", metadata: metadata)
            return SignedAlertReceipt(outcome: "suppressed", sha256: verified.fingerprint.hex, admission: admission)
        case .equivocation(let key, let stored, let received):
            let sentence = "the site already holds \(key.id) from \(key.issuer) with payload \(stored.prefix(16))…, "
                + "and this one is \(received.prefix(16))…: one of the two is a forgery or a serious mistake"
            health.raise(alertAlarm: "\(key.issuer)/\(key.id): \(stored.prefix(16))… vs \(received.prefix(16))…")
            logger.error("ALARM signed alert equivocation", metadata: metadata.merging(
                ["stored_sha256": "\(stored)"], uniquingKeysWith: { first, _ in first }
            ))
            throw SiteFailure.alertRefused(code: "equivocation", reason: sentence)
        }
    }

    /// The alert to store and air for an accepted message, or `nil` for a cancel that carries nothing to air.
    /// Text is spoken here, before the transaction, so the transaction only names stored media.
    private func airing(of verified: VerifiedAlert) throws -> AlertRecord? {
        let payload = verified.payload
        guard payload.messageType != .cancel || payload.content.media != nil || payload.content.text != nil
                || payload.content.stream != nil else {
            return nil
        }
        var sha = payload.content.media
        if sha == nil, let text = payload.content.text {
            sha = try media.speak(text, voice: nil, rate: nil, source: "signed alert \(payload.id)").sha256
        }
        let now = clock.now()
        return AlertRecord(
            issuer: payload.issuer, issuerRole: verified.authority, id: payload.id,
            status: payload.status,
            level: payload.level, mediaSHA256: sha,
            tone: payload.content.tone || sha == nil, expiresAt: payload.expires,
            repeatTotal: payload.repeatCount, intervalSeconds: payload.intervalSeconds, nextDueAt: now, createdAt: now,
            drafter: verified.drafter?.identity.description,
            approvers: verified.approvers.isEmpty ? nil
                : verified.approvers.map(\.identity.description).joined(separator: ", "),
            capSource: payload.source?.reference, streamURLs: payload.content.stream,
            streamSeconds: payload.content.durationSeconds
        )
    }

    /// Logs a refusal with its code, step and sentence and returns the error to answer with. The answer carries the
    /// code and the sentence alone: the CLI says itself that the site refused the signed alert.
    private func refuse(_ code: String, _ sentence: String, carrier: String, step: String? = nil,
                        freshness: SignatureFreshness = .window) -> SiteFailure {
        var metadata: Logger.Metadata = ["code": "\(code)", "reason": "\(sentence)", "carrier": "\(carrier)",
                                         "freshness": "\(freshness)"]
        if let step { metadata["step"] = "\(step)" }
        logger.warning("signed alert refused", metadata: metadata)
        return .alertRefused(code: code, reason: sentence)
    }
}

/// What the site did with a signed alert it did not refuse.
struct SignedAlertReceipt: Sendable {
    /// `accepted`, `duplicate` or `suppressed`.
    var outcome: String
    /// The payload's SHA-256, hex.
    var sha256: String
    /// The store's record of it.
    var admission: SignedAlertAdmission
}
