import BroadcastModel
import ControlProtocol
import Foundation
import GRDB

/// One alert as the province (or an operator) sent it, with the progress of its repeats. It lives in the database
/// so that repeats and expiry survive a restart: after a reboot the daemon reads ``Store/pendingAlerts()``, expires
/// what is past, and carries on from `repeatsDone` and `nextDueAt`.
///
/// Alerts are keyed by ``key``, their issuer and id: the same id from two callers is two alerts, so no caller can
/// claim an id before a higher authority uses it.
///
/// `mediaSHA256` has no foreign key: a finished alert keeps naming the media it played even after that media is
/// deleted. The store enforces the live rule itself: ``Store/pushAlert(_:)`` needs the media to exist, and
/// ``Store/deleteMedia(sha256:)`` refuses while a pending or playing alert uses it.
public struct AlertRecord: Codable, Equatable, Hashable, Sendable, FetchableRecord, PersistableRecord {
    /// The table, named once so that raw SQL and the record agree.
    public static let databaseTableName = "alert"

    /// Who pushed it, derived from the caller by the daemon; see ``AlertKey/issuer``.
    public var issuer: String
    /// The role its issuer pushed it with, so that a cancel only reaches alerts of its own authority or lower.
    public var issuerRole: Role
    /// The issuer's id. The same issuer sending the same id again is a replay and changes nothing, unless it asks
    /// for a higher level (``Store/pushAlert(_:)``).
    public var id: String
    /// Real alert or drill.
    public var status: BroadcastStatus
    /// The level it plays at.
    public var level: Site.AlertLevel
    /// The media to play, or `nil` for a tone-only alert.
    public var mediaSHA256: String?
    /// Whether the attention tone precedes the media.
    public var tone: Bool
    /// Nothing of this alert plays after this instant, including after a reboot.
    public var expiresAt: Date?
    /// How many times it should play in all, at least 1.
    public var repeatTotal: Int
    /// How many times it has played.
    public var repeatsDone: Int
    /// Seconds from the start of one repeat to the next.
    public var intervalSeconds: Int
    /// When the next repeat is due.
    public var nextDueAt: Date
    /// Where it is in its life.
    public var state: AlertState
    /// When the store first accepted it.
    public var createdAt: Date
    /// When it last changed; the store stamps this on every change.
    public var updatedAt: Date
    /// The outcome of its last repeat or state change, for people ("aired", "preempted by alert X", "expired").
    public var lastOutcome: String?
    /// Who drafted a signed alert (`CN (sha256 AB:CD…)`); `nil` for an unsigned push.
    public var drafter: String?
    /// Who approved a signed alert, comma-separated; `nil` when nobody did or for an unsigned push.
    public var approvers: String?
    /// The CAP message a signed alert was drafted from, `sender,identifier,sent` (v9); `nil` otherwise.
    public var capSource: String?
    /// The URLs of the stream the alert relays (issue 18), the primary first; nil for media or tone.
    public var streamURLs: [String]?
    /// How long the stream airs, seconds; set exactly when `streamURLs` is.
    public var streamSeconds: Int?

    /// Makes a record; the store checks it on push and update.
    public init(
        issuer: String,
        issuerRole: Role,
        id: String,
        status: BroadcastStatus,
        level: Site.AlertLevel,
        mediaSHA256: String?,
        tone: Bool,
        expiresAt: Date? = nil,
        repeatTotal: Int = 1,
        repeatsDone: Int = 0,
        intervalSeconds: Int = 0,
        nextDueAt: Date,
        state: AlertState = .pending,
        createdAt: Date,
        updatedAt: Date? = nil,
        lastOutcome: String? = nil,
        drafter: String? = nil,
        approvers: String? = nil,
        capSource: String? = nil,
        streamURLs: [String]? = nil,
        streamSeconds: Int? = nil
    ) {
        self.issuer = issuer
        self.issuerRole = issuerRole
        self.id = id
        self.status = status
        self.level = level
        self.mediaSHA256 = mediaSHA256
        self.tone = tone
        self.expiresAt = expiresAt
        self.repeatTotal = repeatTotal
        self.repeatsDone = repeatsDone
        self.intervalSeconds = intervalSeconds
        self.nextDueAt = nextDueAt
        self.state = state
        self.createdAt = createdAt
        self.updatedAt = updatedAt ?? createdAt
        self.lastOutcome = lastOutcome
        self.drafter = drafter
        self.approvers = approvers
        self.capSource = capSource
        self.streamURLs = streamURLs
        self.streamSeconds = streamSeconds
    }

    /// `drafted by …; approved by …` for a signed alert, for the as-run log; nil for an unsigned push.
    public var signedBy: String? {
        guard let drafter else { return nil }
        return "drafted by \(drafter)" + (approvers.map { "; approved by \($0)" } ?? "")
    }

    /// Its issuer and id, which name it.
    public var key: AlertKey { AlertKey(issuer: issuer, id: id) }

    /// Dates are Unix seconds at millisecond resolution (see `StoreTime`).
    public static func databaseDateEncodingStrategy(for column: String) -> DatabaseDateEncodingStrategy {
        StoreTime.encoding
    }

    /// Dates are Unix seconds at millisecond resolution (see `StoreTime`).
    public static func databaseDateDecodingStrategy(for column: String) -> DatabaseDateDecodingStrategy {
        StoreTime.decoding
    }

    /// The record as the store keeps it (lowercase sha256), or the first rule it breaks.
    func validated() throws(StoreError) -> AlertRecord {
        guard !id.isEmpty else {
            throw .invalid(what: "alert id", reason: "it is empty")
        }
        guard !issuer.isEmpty else {
            throw .invalid(what: "alert '\(id)' issuer", reason: "it is empty")
        }
        if let mediaSHA256, !MediaRecord.isSHA256(mediaSHA256) {
            throw .invalid(what: "alert '\(id)' media", reason: "'\(mediaSHA256)' is not a 64-digit sha256")
        }
        guard mediaSHA256 != nil || tone else {
            throw .invalid(what: "alert '\(id)'", reason: "it has neither media nor the attention tone (a stream "
                           + "alert opens with the tone)")
        }
        guard (streamURLs == nil) == (streamSeconds == nil), streamURLs?.isEmpty != true,
              (streamSeconds ?? 1) > 0 else {
            throw .invalid(what: "alert '\(id)' stream", reason: "a stream needs URLs and a duration above 0")
        }
        guard repeatTotal >= 1 else {
            throw .invalid(what: "alert '\(id)' repeat count", reason: "\(repeatTotal) is less than 1")
        }
        guard (0...repeatTotal).contains(repeatsDone) else {
            throw .invalid(what: "alert '\(id)' repeats done", reason: "\(repeatsDone) is not in 0…\(repeatTotal)")
        }
        guard intervalSeconds >= 0 else {
            throw .invalid(what: "alert '\(id)' interval", reason: "\(intervalSeconds) s is negative")
        }
        var record = self
        record.mediaSHA256 = mediaSHA256?.lowercased()
        return record
    }
}
