import Foundation

/// One airing in a preview, with what the site's quiet-hours gate will do with it at air time.
public struct PreviewedAiring: Hashable, Sendable {
    /// The airing.
    public let occurrence: Occurrence
    /// The gate's decision: air it, or skip it for quiet hours.
    public let decision: QuietHoursDecision

    /// Whether it will go on air (quiet hours permitting; a clash or an alert may still delay it).
    public var airs: Bool { decision == .play }
}

/// Times of day at which quiet hours silence a programme every time it falls due, for `schedule check`.
public struct SilencedProgramme: Hashable, Sendable {
    /// The programme's id.
    public let programmeID: String
    /// The local times of day that never air, in order.
    public let times: [LocalTime]
    /// Whether no airing at all gets through: the programme never airs.
    public let never: Bool
}

extension Schedule {
    /// `quiet hours 21:30–05:00`: why a skipped airing is skipped, in the words previews, warnings and the as-run
    /// log share.
    public var quietHoursReason: String {
        quietHours.map { "quiet hours \($0)" } ?? "quiet hours"
    }

    /// The next `count` airings strictly after `date` (of programme `id` only, if given), each marked with the
    /// decision of ``QuietHoursGate``, the gate the daemon applies at air time, so a preview shows exactly what the
    /// site will air and what it will skip.
    public func preview(
        count: Int, after date: Date, id: String? = nil, priorityPolicy: QuietHoursPolicy
    ) throws(ScheduleError) -> [PreviewedAiring] {
        let gate = try quietHoursGate(priorityPolicy: priorityPolicy)
        return try next(count: count, after: date, id: id).map {
            PreviewedAiring(occurrence: $0, decision: gate.decide(level: $0.level.level, start: $0.start))
        }
    }

    /// The next airing of programme `id` after `date` that quiet hours let through, looking at most `limit` airings
    /// ahead; nil when there is none within them (the programme has ended, or quiet hours silence it).
    public func nextAiring(
        of id: String, after date: Date, priorityPolicy: QuietHoursPolicy, limit: Int = 1_000
    ) throws(ScheduleError) -> Occurrence? {
        guard let programme = programme(id: id) else { return nil }
        let gate = try quietHoursGate(priorityPolicy: priorityPolicy)
        var iterator = programme.occurrenceIterator(from: date.addingTimeInterval(1).flooredToSecond, to: nil,
                                                    zone: try zone())
        for _ in 0..<limit {
            guard let instant = iterator.next() else { return nil }
            if gate.decide(level: programme.level.level, start: instant.date) == .play {
                return Occurrence(programmeID: id, start: instant.date, level: programme.level)
            }
        }
        return nil
    }

    /// The programmes with times of day that quiet hours silence every time they fall due, judged over the airings
    /// in the `days` after `date` (at most `limit` per programme), through the same gate the daemon uses.
    public func silencedByQuietHours(
        after date: Date, priorityPolicy: QuietHoursPolicy, days: Int = 400, limit: Int = 2_000
    ) throws(ScheduleError) -> [SilencedProgramme] {
        guard quietHours != nil else { return [] }
        let gate = try quietHoursGate(priorityPolicy: priorityPolicy)
        let zone = try zone()
        let end = date.addingTimeInterval(Double(days) * 86_400)
        var found: [SilencedProgramme] = []
        for programme in programmes {
            var iterator = programme.occurrenceIterator(from: date, to: end, zone: zone)
            var aired: Set<Int> = []
            var skipped: Set<Int> = []
            for _ in 0..<limit {
                guard let instant = iterator.next() else { break }
                let second = Int(instant.local.time.secondOfDay)
                if gate.decide(level: programme.level.level, start: instant.date) == .play {
                    aired.insert(second)
                } else {
                    skipped.insert(second)
                }
            }
            let silenced = skipped.subtracting(aired).sorted()
            guard !silenced.isEmpty else { continue }
            found.append(SilencedProgramme(programmeID: programme.id,
                                           times: silenced.map { LocalTime(secondOfDay: $0) }, never: aired.isEmpty))
        }
        return found
    }
}

extension Schedule {
    /// The ids of the programmes with no airing after `date`: their `until` has passed or their rule has run out
    /// (`COUNT`, `UNTIL`), so the file still lists them but the site will never air them again.
    public func finishedProgrammes(after date: Date) throws(ScheduleError) -> [String] {
        let zone = try zone()
        return programmes.filter { programme in
            var iterator = programme.occurrenceIterator(from: date, to: nil, zone: zone)
            return iterator.next() == nil
        }.map(\.id)
    }

    /// The local date `date` falls on in the schedule's zone.
    public func localDate(at date: Date) throws(ScheduleError) -> LocalDate {
        let utc = Int64(date.timeIntervalSince1970.rounded(.down))
        return LocalDateTime(wallSeconds: try zone().wallSeconds(atUTC: utc)).date
    }
}
