import BroadcastModel
import Foundation

/// One scheduled programme from a schedule file (DESIGN §6): what to play, at which level, and when.
public struct Programme: Hashable, Sendable {
    /// The unique id, used in logs, conflicts and as the tie-break between simultaneous programmes.
    public var id: String
    /// The human title shown in previews.
    public var title: String
    /// The media to play: a name in the media store or a sha256. For a text programme, empty until the site has
    /// rendered its text, then the rendered media's name.
    public var media: String
    /// The words to speak instead of stored media, or nil.
    public var text: ProgrammeText?
    /// The stream to relay instead of stored media, or nil; `media` is then its name (``ProgrammeStream/name``).
    public var stream: ProgrammeStream?
    /// The level it airs at.
    public var level: ProgrammeLevel
    /// How it repeats.
    public var recurrence: Recurrence
    /// The first local date it may air on, inclusive.
    public var from: LocalDate?
    /// The last local date it may air on, inclusive.
    public var until: LocalDate?
    /// Local dates it must not air on, such as Tết.
    public var except: Set<LocalDate>
    /// What to do when a higher level interrupts it.
    public var onPreempt: PreemptPolicy
    /// How many seconds late a start may be before it is skipped and logged as missed.
    public var maxLate: TimeInterval

    /// The default `max_late`: five minutes.
    public static let defaultMaxLate: TimeInterval = 300

    /// Creates a programme; optional fields take the schedule file's defaults.
    public init(
        id: String, title: String, media: String, level: ProgrammeLevel = .normal, recurrence: Recurrence,
        from: LocalDate? = nil, until: LocalDate? = nil, except: Set<LocalDate> = [],
        onPreempt: PreemptPolicy = .resume, maxLate: TimeInterval = Programme.defaultMaxLate,
        text: ProgrammeText? = nil, stream: ProgrammeStream? = nil
    ) {
        self.id = id
        self.stream = stream
        self.title = title
        self.media = media
        self.text = text
        self.level = level
        self.recurrence = recurrence
        self.from = from
        self.until = until
        self.except = except
        self.onPreempt = onPreempt
        self.maxLate = maxLate
    }

    /// Checks what the types cannot: ids, non-empty friendly lists, a rule that can air from its start, date order
    /// and `max_late`.
    public func validate() throws(ScheduleError) {
        guard !id.isEmpty else { throw .emptyProgrammeID(title: title) }
        switch recurrence {
        case .friendly(let days, let times):
            guard !days.isEmpty else { throw .noDays(programme: id) }
            guard !times.isEmpty else { throw .noTimes(programme: id) }
        case .lunar(let schedule):
            guard !schedule.days.isEmpty else { throw .noLunarDays(programme: id) }
            guard !schedule.times.isEmpty else { throw .noTimes(programme: id) }
            if let bad = schedule.days.first(where: { !(1...30).contains(abs($0)) }) {
                throw .invalidRecurrence(programme: id,
                                         reason: "lunar day \(bad) does not exist: use 1…30 or -30…-1")
            }
        case .rrule(let rule, let start):
            do {
                try rule.validate(start: start)
            } catch {
                throw .invalidRecurrence(programme: id, reason: error.description)
            }
        }
        if let from, let until, from > until { throw .dateRangeReversed(programme: id, from: from, until: until) }
        guard maxLate >= 0 else { throw .negativeMaxLate(programme: id, seconds: maxLate) }
        if let stream, stream.urls.isEmpty || !(stream.duration > 0) {
            throw .invalidStream(programme: id, reason: "a stream needs at least one URL and a duration above 0")
        }
    }

    /// How long one airing lasts: a stream's duration, or what `mediaDuration` says of its media (nil when unknown).
    public func playingTime(mediaDuration: (String) -> TimeInterval?) -> TimeInterval? {
        stream?.duration ?? mediaDuration(media)
    }

    /// Whether `from`, `until` and `except` allow airing on a local date.
    func allows(_ date: LocalDate) -> Bool {
        if let from, date < from { return false }
        if let until, date > until { return false }
        return !except.contains(date)
    }
}

extension Programme: Codable {
    /// The `lunar` object of the schedule-file shape; its times are the programme's `at`.
    private struct LunarFields: Codable {
        let month: String?
        let day: [Int]
        let skip: String?
    }

    private enum CodingKeys: String, CodingKey {
        case id, title, media, text, voice, rate, level, rrule, dtstart, days, at, lunar, from, until, except
        case stream, duration
        case onPreempt = "on_preempt"
        case maxLate = "max_late"
    }

    /// Decodes the schedule-file shape: either `rrule` with `dtstart`, or `days` with `at`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        title = try container.decodeIfPresent(String.self, forKey: .title) ?? id
        if let words = try container.decodeIfPresent(String.self, forKey: .text) {
            text = ProgrammeText(text: words, voice: try container.decodeIfPresent(String.self, forKey: .voice),
                                 rate: try container.decodeIfPresent(Int.self, forKey: .rate))
            media = try container.decodeIfPresent(String.self, forKey: .media) ?? ""
        } else if let urls = try container.decodeIfPresent([String].self, forKey: .stream) {
            stream = ProgrammeStream(urls: urls, duration: try container.decode(TimeInterval.self, forKey: .duration))
            media = stream?.name ?? ""
        } else {
            media = try container.decode(String.self, forKey: .media)
        }
        level = try container.decodeIfPresent(ProgrammeLevel.self, forKey: .level) ?? .normal
        if let rule = try container.decodeIfPresent(RecurrenceRule.self, forKey: .rrule) {
            guard let start = try container.decodeIfPresent(LocalDateTime.self, forKey: .dtstart) else {
                throw DecodingError.keyNotFound(CodingKeys.dtstart, DecodingError.Context(
                    codingPath: container.codingPath,
                    debugDescription: "programme '\(id)' has an rrule but no dtstart: add dtstart: YYYY-MM-DDTHH:MM:SS"
                ))
            }
            recurrence = .rrule(rule, start: start)
        } else if let lunar = try container.decodeIfPresent(LunarFields.self, forKey: .lunar) {
            let month = try lunar.month.map { text in
                guard let month = RecurrenceMonth(text) else {
                    let message = "'\(text)' is not a lunar month 1…12 or 1L…12L"
                    throw DecodingError.dataCorruptedError(forKey: .lunar, in: container, debugDescription: message)
                }
                return month
            }
            guard let skip = RecurrenceSkip(rawValue: (lunar.skip ?? "backward").uppercased()) else {
                throw DecodingError.dataCorruptedError(forKey: .lunar, in: container,
                                                       debugDescription: "lunar skip must be omit, backward or forward")
            }
            let times = try container.decodeIfPresent([LocalTime].self, forKey: .at) ?? []
            recurrence = .lunar(LunarSchedule(month: month, days: lunar.day, times: times, skip: skip))
        } else if let days = try container.decodeIfPresent(Set<Weekday>.self, forKey: .days) {
            let times = try container.decodeIfPresent([LocalTime].self, forKey: .at) ?? []
            recurrence = .friendly(days: days, at: times)
        } else {
            throw DecodingError.keyNotFound(CodingKeys.rrule, DecodingError.Context(
                codingPath: container.codingPath,
                debugDescription: "programme '\(id)' says neither rrule, days nor lunar: "
                    + "give rrule with dtstart, days with at, or lunar"
            ))
        }
        from = try container.decodeIfPresent(LocalDate.self, forKey: .from)
        until = try container.decodeIfPresent(LocalDate.self, forKey: .until)
        except = try container.decodeIfPresent(Set<LocalDate>.self, forKey: .except) ?? []
        onPreempt = try container.decodeIfPresent(PreemptPolicy.self, forKey: .onPreempt) ?? .resume
        maxLate = try container.decodeIfPresent(TimeInterval.self, forKey: .maxLate) ?? Programme.defaultMaxLate
    }

    /// Encodes the schedule-file shape, omitting fields that hold their defaults.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(title, forKey: .title)
        if let text {
            try container.encode(text.text, forKey: .text)
            try container.encodeIfPresent(text.voice, forKey: .voice)
            try container.encodeIfPresent(text.rate, forKey: .rate)
        } else if let stream {
            try container.encode(stream.urls, forKey: .stream)
            try container.encode(stream.duration, forKey: .duration)
        } else {
            try container.encode(media, forKey: .media)
        }
        try container.encode(level, forKey: .level)
        switch recurrence {
        case .rrule(let rule, let start):
            try container.encode(rule, forKey: .rrule)
            try container.encode(start, forKey: .dtstart)
        case .friendly(let days, let times):
            try container.encode(days.sorted(), forKey: .days)
            try container.encode(times, forKey: .at)
        case .lunar(let schedule):
            try container.encode(LunarFields(month: schedule.month?.description, day: schedule.days,
                                              skip: schedule.skip.rawValue.lowercased()), forKey: .lunar)
            try container.encode(schedule.times, forKey: .at)
        }
        try container.encodeIfPresent(from, forKey: .from)
        try container.encodeIfPresent(until, forKey: .until)
        if !except.isEmpty { try container.encode(except.sorted(), forKey: .except) }
        try container.encode(onPreempt, forKey: .onPreempt)
        try container.encode(maxLate, forKey: .maxLate)
    }
}
