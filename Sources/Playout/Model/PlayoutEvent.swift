import BroadcastModel
import Foundation
import StreamInput

/// Something the engine did, reported as it happens. The daemon turns these into as-run log entries, alert
/// bookkeeping and `Monitor` events.
public struct PlayoutEvent: Sendable, Equatable {
    /// What happened.
    public enum Kind: String, Sendable, Codable {
        /// An item began (or began again from the start).
        case started
        /// An interrupted item continued from where it stopped.
        case resumed
        /// An item played to its end.
        case aired
        /// A higher level cut an item off.
        case preempted
        /// An item was not played (expired before it could start, stopped, dropped after preemption).
        case skipped
        /// Playback failed (unreadable media, device lost).
        case failed
        /// The daemon stopped while the item was on air; it is not put back, and the next start offers it again
        /// as it does after a power cut.
        case interrupted
        /// The audio device changed state.
        case deviceState = "device_state"
        /// A stream item's URL failed or its reader switched source (another URL, the fallback, back); `stream`
        /// says which and why, for the as-run log.
        case stream
    }

    /// What happened.
    public var kind: Kind
    /// When.
    public var at: Date
    /// The item concerned; nil for device events.
    public var item: PlayoutItem?
    /// When the item started airing, for end events.
    public var startedAt: Date?
    /// Position in the media, seconds, where relevant (preemption point, end).
    public var positionSeconds: Double?
    /// How the item ended, for the events that end one (aired, preempted, skipped, failed, interrupted): the as-run
    /// log and the `Monitor` stream both take it from here, never from `reason`.
    public var outcome: AsRunOutcome?
    /// Why it happened, typed; nil for a start, a resume or an item that aired to its end.
    public var cause: PlayoutCause?
    /// For device events: the new state.
    public var device: DeviceStatus?

    /// Creates an event.
    public init(kind: Kind, at: Date, item: PlayoutItem? = nil, startedAt: Date? = nil,
                positionSeconds: Double? = nil, outcome: AsRunOutcome? = nil, cause: PlayoutCause? = nil,
                device: DeviceStatus? = nil) {
        self.kind = kind
        self.at = at
        self.item = item
        self.startedAt = startedAt
        self.positionSeconds = positionSeconds
        self.outcome = outcome
        self.cause = cause
        self.device = device
    }

    /// Why, in words, for people ("expired while playing", "stopped by operator", the ALSA error…), derived from
    /// `cause`.
    public var reason: String? { cause?.reason }

    /// The device failed under the item, which the engine put back to resume when the device returns: a failure of
    /// the device, not of the item.
    public var isDeviceLoss: Bool {
        if case .deviceLost = cause { return true }
        return false
    }

    /// For stream events: what the stream reader reported, from `cause`.
    public var stream: StreamEvent? {
        if case .stream(let event) = cause { return event }
        return nil
    }
}
