import BroadcastModel
import StreamInput

/// Why an item ended the way it did, or why the device changed state: the one typed fact that the alert bookkeeping,
/// the as-run log and `Monitor` decide on. The words people read (`reason`) are derived from it, never parsed back.
public enum PlayoutCause: Sendable, Equatable {
    /// Its `notAfter` passed before it could start.
    case expiredBeforeStart
    /// Its `notAfter` passed while it was on air.
    case expiredWhilePlaying
    /// It could not start within `max_late`; how many seconds after its planned time it was dropped.
    case missed(lateSeconds: Int)
    /// `stop` took it off: the caller's words ("stopped by operator", "alert cancelled by …").
    case stopped(String)
    /// An emergency cut it off; what its policy does with it next.
    case preempted(PreemptPolicy)
    /// The audio device failed mid-item (the device error); the item goes back to resume when the device returns.
    case deviceLost(String)
    /// The daemon stopped while it was on air.
    case shutdown
    /// Its media could not be opened or decoded (the error).
    case unplayable(String)
    /// The device's error, on a device state change that has one.
    case device(String)
    /// A stream item's URL failed or its reader switched source (issue 18).
    case stream(StreamEvent)

    /// The sentence the as-run log, the audit trail and `Monitor` show.
    public var reason: String? {
        switch self {
        case .expiredBeforeStart: "expired before it could start"
        case .expiredWhilePlaying: "expired while playing"
        case .missed(let late): "missed: could not start within max_late (\(late) s after its time)"
        case .stopped(let words): words
        case .preempted(.drop): "preempted by an emergency; dropped by its policy"
        case .preempted(let policy): "preempted by an emergency; will \(policy.rawValue)"
        case .deviceLost(let error): "audio device lost: \(error); will resume when it returns"
        case .shutdown: "daemon shutting down"
        case .unplayable(let error): "cannot play media: \(error)"
        case .device(let error): error
        case .stream(let event): "\(event)"
        }
    }
}
