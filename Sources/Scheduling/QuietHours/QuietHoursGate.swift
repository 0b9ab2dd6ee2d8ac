import BroadcastModel
import Foundation

/// Whether priority bulletins are also held back during quiet hours; a per-site configuration choice.
public enum QuietHoursPolicy: String, CaseIterable, Codable, Hashable, Sendable {
    /// Priority items inside quiet hours are skipped, like normal ones.
    case skip
    /// Priority items play through quiet hours.
    case play
}

/// The outcome of checking an airing against quiet hours.
public enum QuietHoursDecision: String, Hashable, Sendable {
    /// Air it.
    case play
    /// Do not air it, and log the skip with the reason "quiet hours".
    case skipQuietHours
}

/// Applies DESIGN §4's quiet-hours column: normal never plays in quiet hours, priority follows the site's policy,
/// emergency always plays.
public struct QuietHoursGate: Sendable {
    /// The quiet period, or nil when the site has none.
    public let quietHours: QuietHours?
    /// The zone whose wall clock the quiet period is read on.
    public let zone: ZoneOffsets
    /// What priority items do inside quiet hours.
    public let priorityPolicy: QuietHoursPolicy

    /// Creates a gate for one site.
    public init(quietHours: QuietHours?, zone: ZoneOffsets, priorityPolicy: QuietHoursPolicy) {
        self.quietHours = quietHours
        self.zone = zone
        self.priorityPolicy = priorityPolicy
    }

    /// Decides whether an item at `level` starting at `start` may air.
    public func decide(level: BroadcastLevel, start: Date) -> QuietHoursDecision {
        guard let quietHours, quietHours.contains(start, in: zone) else { return .play }
        switch level {
        case .emergency:
            return .play
        case .priority:
            return priorityPolicy == .play ? .play : .skipQuietHours
        case .normal:
            return .skipQuietHours
        }
    }
}

extension Schedule {
    /// The quiet-hours gate for this schedule's zone and quiet hours.
    public func quietHoursGate(priorityPolicy: QuietHoursPolicy) throws(ScheduleError) -> QuietHoursGate {
        QuietHoursGate(quietHours: quietHours, zone: try zone(), priorityPolicy: priorityPolicy)
    }
}
