import BroadcastModel
import Foundation
import StreamInput

/// One thing to put on air: a stored announcement, optionally preceded by the attention tone, or a stream relayed
/// for a duration.
public struct PlayoutItem: Sendable, Equatable, Identifiable {
    /// Unique per queued airing.
    public var id: String
    /// Who asked for it.
    public var source: ItemSource
    /// Its priority level.
    public var level: BroadcastLevel
    /// Path of the Ogg Opus file to play; nil for a tone-only alert or a stream.
    public var mediaPath: String?
    /// The stream to relay instead of media (issue 18): its URLs, fallback and buffer. Its PCM is pulled by the
    /// audio thread one period at a time from a `StreamReader` made when the item goes on air.
    public var stream: StreamConfiguration?
    /// How long a stream plays, seconds from its start (a resumed stream plays what is left); nil for media, whose
    /// length is the file's.
    public var durationSeconds: Double?
    /// The media's SHA-256, for the as-run log.
    public var mediaSHA256: String?
    /// The media's name, for the as-run log and health.
    public var mediaName: String?
    /// What to do if a higher level interrupts it.
    public var onPreempt: PreemptPolicy
    /// Set for alerts.
    public var status: BroadcastStatus?
    /// When it was meant to air, for the as-run log.
    public var plannedAt: Date?
    /// Nothing of it may play after this instant (alert expiry, or the end of a programme's window).
    public var notAfter: Date?
    /// It must start by this instant or not at all (a programme's `max_late`); a resumed item is not held to it.
    public var startBy: Date?
    /// Play the attention signal first (emergency alerts).
    public var attentionTone: Bool
    /// 48 kHz frame to start from; non-zero when resuming.
    public var startFrame: Int
    /// Comes back after a cut (resumed, restarted, or after the device was lost), so it fades in rather than
    /// starting at full level from silence; an item that starts part-way (`startFrame` > 0) always fades in.
    public var fadesIn: Bool
    /// Who signed it (a signed alert's drafter and approvers), carried to the as-run log; nil otherwise.
    public var signedBy: String?
    /// The CAP message a signed alert was drafted from (`sender,identifier,sent`), carried to the as-run log.
    public var capSource: String?

    /// Creates an item; `id` defaults to a fresh UUID.
    public init(
        id: String = UUID().uuidString.lowercased(), source: ItemSource, level: BroadcastLevel, mediaPath: String?,
        mediaSHA256: String? = nil, mediaName: String? = nil, onPreempt: PreemptPolicy = .resume,
        status: BroadcastStatus? = nil, plannedAt: Date? = nil, notAfter: Date? = nil, startBy: Date? = nil,
        attentionTone: Bool = false, startFrame: Int = 0, fadesIn: Bool = false, signedBy: String? = nil,
        capSource: String? = nil, stream: StreamConfiguration? = nil, durationSeconds: Double? = nil
    ) {
        self.id = id
        self.source = source
        self.level = level
        self.mediaPath = mediaPath
        self.mediaSHA256 = mediaSHA256
        self.mediaName = mediaName
        self.onPreempt = onPreempt
        self.status = status
        self.plannedAt = plannedAt
        self.notAfter = notAfter
        self.startBy = startBy
        self.attentionTone = attentionTone
        self.startFrame = startFrame
        self.fadesIn = fadesIn
        self.signedBy = signedBy
        self.capSource = capSource
        self.stream = stream
        self.durationSeconds = durationSeconds
    }
}
