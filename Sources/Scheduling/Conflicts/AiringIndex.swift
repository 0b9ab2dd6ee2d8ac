import Foundation

/// The airings of many programmes over a window of time, filed by level in five-minute buckets, so that one
/// programme's airings are checked against every other programme's in time proportional to its own airings, not to
/// the whole site's (issue 12: adding a schedule took a minute once a site had thousands of programmes).
///
/// Programmes go in with ``insert(schedule:programme:zone:length:)`` and come out with ``remove(schedule:)``, which
/// only marks them: their airings stay in the buckets, skipped, until the owner of the index builds a new one. An
/// insertion can be taken back whole with ``undo(_:)`` while nothing else has been inserted since.
public struct AiringIndex: Sendable {
    /// The width of a bucket in seconds.
    static let bucketSeconds: Int64 = 300

    /// Airings starting in this span are held; an airing may end after it.
    public let window: Range<Date>
    /// The longest airing held, in seconds; a query looks this far back for airings still on air.
    public private(set) var longest: TimeInterval = 0
    /// How many airings are held, counting those of removed programmes.
    public private(set) var count = 0
    /// How many of them belong to removed programmes.
    public private(set) var removedCount = 0

    /// One airing: who, and its start and length in seconds from the window's start.
    struct Entry: Sendable {
        let owner: Int32
        let start: Int32
        let length: Int32
    }

    /// A programme whose airings are held.
    struct Owner: Sendable {
        let schedule: String
        let programmeID: String
        var removed = false
        var airings = 0
    }

    /// What one insertion added, so that it can be taken back.
    public struct Receipt: Sendable {
        let owner: Int32
        let level: ProgrammeLevel
        let buckets: [Int: Int]
    }

    /// An airing found by a query.
    public struct Airing: Sendable, Equatable {
        /// The schedule of its programme.
        public let schedule: String
        /// Its programme.
        public let programmeID: String
        /// When it starts.
        public let start: Date
        /// When it ends.
        public let end: Date
    }

    private let origin: Int64
    private var buckets: [ProgrammeLevel: [[Entry]]] = [:]
    private var owners: [Owner] = []

    /// An empty index holding airings that start in `window`.
    public init(window: Range<Date>) {
        self.window = window
        origin = Int64(window.lowerBound.timeIntervalSince1970.rounded(.down))
        let span = Int64(window.upperBound.timeIntervalSince1970.rounded(.up)) - origin
        let empty = [[Entry]](repeating: [], count: max(1, Int(span / Self.bucketSeconds) + 1))
        for level in ProgrammeLevel.allCases { buckets[level] = empty }
    }

    /// Files the airings of `programme` (of the schedule named `schedule`, read in `zone`) that start in the window,
    /// each lasting `length` seconds: at most ``ConflictChecker/maximumAirings`` of them, so an HOURLY or MINUTELY
    /// campaign is filed for its first weeks, as a check of it looks that far.
    @discardableResult
    public mutating func insert(
        schedule: String, programme: Programme, zone: ZoneOffsets, length: TimeInterval
    ) -> Receipt {
        let owner = Int32(owners.count)
        let seconds = Int32(max(0, length.rounded(.up)))
        var touched: [Int: Int] = [:]
        var level = buckets[programme.level] ?? []
        buckets[programme.level] = nil
        var iterator = programme.occurrenceIterator(from: window.lowerBound, to: window.upperBound, zone: zone)
        var filed = 0
        while filed < ConflictChecker.maximumAirings, let instant = iterator.next() {
            filed += 1
            let start = instant.utcSeconds - origin
            let bucket = Int(start / Self.bucketSeconds)
            guard level.indices.contains(bucket) else { continue }
            level[bucket].append(Entry(owner: owner, start: Int32(start), length: seconds))
            touched[bucket, default: 0] += 1
        }
        buckets[programme.level] = level
        let airings = touched.values.reduce(0, +)
        owners.append(Owner(schedule: schedule, programmeID: programme.id, airings: airings))
        count += airings
        longest = max(longest, TimeInterval(seconds))
        return Receipt(owner: owner, level: programme.level, buckets: touched)
    }

    /// Takes back the last insertions, most recent first; `receipts` must be the latest ones, in the order made.
    public mutating func undo(_ receipts: [Receipt]) {
        for receipt in receipts.reversed() where Int(receipt.owner) == owners.count - 1 {
            var level = buckets[receipt.level] ?? []
            buckets[receipt.level] = nil
            for (bucket, added) in receipt.buckets { level[bucket].removeLast(added) }
            buckets[receipt.level] = level
            count -= owners.removeLast().airings
        }
    }

    /// How many programmes were inserted so far: a marker that tells the programmes inserted before a moment from
    /// those inserted after it, for ``remove(schedule:before:)`` and the exclusion of ``firstOverlap``.
    public var ownerCount: Int { owners.count }

    /// Marks the programmes of `schedule` inserted before `marker` removed: queries no longer see their airings.
    public mutating func remove(schedule: String, before marker: Int) {
        for index in owners.indices.prefix(marker)
        where owners[index].schedule == schedule && !owners[index].removed {
            owners[index].removed = true
            removedCount += owners[index].airings
        }
    }

    /// The first of `occurrences` (sorted by start, each lasting `length` seconds, at `level`) that overlaps an
    /// airing held, with the earliest such airing. Airings of the programme `excludingProgramme`, and those of the
    /// schedule `excludingSchedule` inserted before `marker` (the version a new one replaces), are passed over.
    public func firstOverlap(
        of occurrences: [Occurrence], lasting length: TimeInterval, level: ProgrammeLevel,
        excludingProgramme: String? = nil, excludingSchedule: String? = nil, before marker: Int = .max
    ) -> (occurrence: Occurrence, airing: Airing)? {
        guard let level = buckets[level] else { return nil }
        let seconds = Int64(max(0, length.rounded(.up)))
        let reach = Int64(longest)
        for occurrence in occurrences {
            let start = Int64(occurrence.start.timeIntervalSince1970.rounded(.down)) - origin
            let first = max(0, Int((start - reach) / Self.bucketSeconds))
            let last = min(level.count - 1, Int((start + max(seconds, 1) - 1) / Self.bucketSeconds))
            guard first <= last else { continue }
            for bucket in first...last {
                var earliest: Entry?
                for entry in level[bucket] {
                    let entryStart = Int64(entry.start)
                    guard entryStart < start + seconds, entryStart + Int64(entry.length) > start else { continue }
                    let owner = owners[Int(entry.owner)]
                    guard !owner.removed, owner.programmeID != excludingProgramme,
                          owner.schedule != excludingSchedule || Int(entry.owner) >= marker else { continue }
                    if let found = earliest, (found.start, owners[Int(found.owner)].programmeID)
                        <= (entry.start, owner.programmeID) { continue }
                    earliest = entry
                }
                if let earliest { return (occurrence, airing(earliest)) }
            }
        }
        return nil
    }

    private func airing(_ entry: Entry) -> Airing {
        let owner = owners[Int(entry.owner)]
        let start = Date(timeIntervalSince1970: TimeInterval(origin + Int64(entry.start)))
        return Airing(schedule: owner.schedule, programmeID: owner.programmeID, start: start,
                      end: start.addingTimeInterval(TimeInterval(entry.length)))
    }
}
