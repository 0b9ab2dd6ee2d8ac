import AlertTrust
import BroadcastModel
import ControlProtocol
import Foundation

/// How the province's office turns CAP messages into signed alerts: who it trusts and with which pinned keys, and
/// the mapping of issue 17 (status, message type, scope, level, language, area, expiry, content). Every field has the
/// default ``docs/cap.md`` documents; the YAML file (``CAPPolicy/load(path:)``) overrides them.
public struct CAPPolicy: Sendable {
    /// What a message of level `normal` becomes: signed alerts are priority or emergency only.
    public enum NormalLevel: String, Sendable, CaseIterable {
        /// Held for a person to decide (`cap draft --level`).
        case hold
        /// Sent as a priority alert.
        case priority
        /// Logged, never aired.
        case log
    }

    /// How one sender is trusted.
    public struct Sender: Sendable {
        /// Whether an unsigned message, or one whose signatures cannot be checked, is refused.
        public var signatureRequired = true
        /// The pinned certificates and keys; several during a rotation.
        public var keys: [PinnedKey] = []

        /// Creates a sender's trust.
        public init(signatureRequired: Bool = true, keys: [PinnedKey] = []) {
            self.signatureRequired = signatureRequired
            self.keys = keys
        }
    }

    /// How one level airs.
    public struct Airing: Sendable, Hashable {
        /// Times in all.
        public var repeatCount: Int
        /// Seconds between airings.
        public var intervalSeconds: Int
        /// Whether the attention tone comes first.
        public var tone: Bool
    }

    /// Audio resources (CAP `resource`) the office may air instead of spoken text.
    public struct Audio: Sendable {
        /// MIME types taken, lowercase, without parameters.
        public var mimeTypes: Set<String> = [
            "audio/wav", "audio/x-wav", "audio/wave", "audio/ogg", "audio/opus", "audio/mpeg", "audio/mp4",
            "audio/x-ipaws-audio-mp3",
        ]
        /// The largest file taken, in bytes.
        public var maximumBytes = 10 * 1024 * 1024
        /// Hosts a `uri` may be fetched from (exact names, lowercase); inline `derefUri` needs none.
        public var hosts: Set<String> = []
        /// Whether a `uri` resource without `digest` is refused (an inline one is covered by the signature).
        public var requireDigest = true
    }

    /// Which drafted messages `cap watch` may send at once (one signature suffices for them).
    public struct AutoSend: Sendable {
        /// Levels sent at once.
        public var levels: Set<Site.AlertLevel> = []
        /// Statuses sent at once.
        public var statuses: Set<BroadcastStatus> = []
        /// Whether cancels are sent at once.
        public var cancels = false
    }

    /// The largest CAP message read, in bytes.
    public var maximumBytes = 2 * 1024 * 1024
    /// Trust per CAP `sender`.
    public var senders: [String: Sender] = [:]
    /// Trust for senders not listed; nil refuses them.
    public var otherSenders: Sender?
    /// Lifetime of a message whose info has no `expires`, from its `sent`.
    public var defaultLifetime: TimeInterval = 6 * 3_600
    /// The language taken after `vi-VN` and `vi`, before the first info.
    public var fallbackLanguage: String? = "en-US"
    /// The `parameter` carrying the Vietnamese disaster-risk level (Decision 18/2021/QĐ-TTg, 1 to 5), if any.
    public var riskLevelParameter: String?
    /// The broadcast level of each risk level.
    public var riskLevels: [Int: BroadcastLevel] = [
        1: .normal, 2: .priority, 3: .priority, 4: .emergency, 5: .emergency,
    ]
    /// What level `normal` becomes.
    public var normalLevel = NormalLevel.hold
    /// The geocode `valueName`s matched against the inventory's site geocodes.
    public var geocodeNames: Set<String> = []
    /// Where Test messages go (designated sites); empty logs them only.
    public var testAudience = AlertAudience()
    /// Audio resources.
    public var audio = Audio()
    /// Airing per level.
    public var airing: [Site.AlertLevel: Airing] = [
        .emergency: Airing(repeatCount: 3, intervalSeconds: 600, tone: true),
        .priority: Airing(repeatCount: 1, intervalSeconds: 0, tone: false),
    ]
    /// What `cap watch` sends at once.
    public var autoSend = AutoSend()
    /// A pinned certificate closer than this to its expiry is warned about, so it is rotated in time.
    public var certificateWarning: TimeInterval = 30 * 86_400

    /// The defaults: no sender trusted.
    public init() {}

    /// The trust for `sender`, nil when the policy refuses it.
    public func trust(for sender: String) -> Sender? {
        senders[sender] ?? otherSenders
    }
}
