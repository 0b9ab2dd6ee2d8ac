import BroadcastModel
import Foundation
import Scheduling
import YAMLSupport

/// Reads schedule files (DESIGN §6, docs/schedules.md) into `Schedule` values, reporting every problem at once with
/// file, line and key, so an operator can fix a file in one go. Nothing invalid is silently ignored.
public enum ScheduleFile {
    /// Reads and validates the file at `path`.
    public static func load(path: String) throws -> Schedule {
        try parse(try YAMLFile.read(path: path), file: path)
    }

    /// Validates schedule text; `file` names it in messages.
    public static func parse(_ text: String, file: String) throws -> Schedule {
        let collector = YAMLCollector()
        let root = YAMLMap.parse(text, file: file, collector: collector)
        // A document that is not YAML has no keys to check: "programmes: missing" would be false.
        try collector.throwIfAny()
        let timezone = root.string("timezone", default: Schedule.defaultTimeZone)
        if TimeZone(identifier: timezone) == nil {
            root.report("timezone", "\(YAMLText.quoted(timezone)) is not an IANA time zone such as "
                        + "Asia/Ho_Chi_Minh",
                        at: root.node("timezone"))
        }
        var quietHours: QuietHours?
        if root.node("quiet_hours") != nil {
            let quiet = root.map("quiet_hours")
            let from = time(quiet, "from")
            let to = time(quiet, "to")
            quiet.finish()
            if let from, let to { quietHours = QuietHours(from: from, to: to) }
        }
        var programmes: [Programme] = []
        var seen: [String: Int] = [:]
        let items = root.maps("programmes")
        if root.node("programmes") == nil { root.report("programmes", "missing; list at least one programme") }
        for item in items {
            guard let programme = programme(item) else { continue }
            if let first = seen[programme.id] {
                item.report("id", "\(YAMLText.quoted(programme.id)) is already used by programme \(first + 1)",
                            at: item.node("id"))
            }
            seen[programme.id] = seen[programme.id] ?? programmes.count
            programmes.append(programme)
        }
        root.finish()
        try collector.throwIfAny()
        let schedule = Schedule(timezone: timezone, quietHours: quietHours, programmes: programmes)
        do {
            try schedule.validate()
        } catch {
            throw YAMLIssues([YAMLIssue(file: file, line: nil, key: "programmes", problem: "\(error)")])
        }
        return schedule
    }

    /// What an RRULE is written with; anything else is reported without being quoted.
    private static let ruleCharacters = CharacterSet(
        charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789=;,:+-"
    )

    private static func programme(_ item: YAMLMap) -> Programme? {
        let id = item.string("id")
        if id == nil { item.report("id", "missing; every programme needs a short unique id such as tin-sang") }
        if id?.isEmpty == true { item.report("id", "empty; every programme needs a short unique id such as tin-sang") }
        let title = item.string("title", default: id ?? "")
        let (media, text, stream) = content(item)
        let level = ProgrammeLevel(rawValue: item.choice("level", default: "normal", from: ["normal", "priority"]))
        let policy = PreemptPolicy(rawValue: item.choice("on_preempt", default: "resume",
                                                         from: ["resume", "restart", "drop"]))
        let maxLate = item.double("max_late", default: Programme.defaultMaxLate, in: 0...86_400, unit: "seconds")
        let from = date(item, "from")
        let until = date(item, "until")
        var except: Set<LocalDate> = []
        for text in item.strings("except") {
            if let day = LocalDate(text) { except.insert(day) } else {
                item.report("except", "\(YAMLText.quoted(text)) is not a date such as 2026-09-02",
                            at: item.node("except"))
            }
        }
        let recurrence = recurrence(item)
        item.finish()
        guard let id, let media, let recurrence, let level, let policy else { return nil }
        return Programme(id: id, title: title, media: media, level: level, recurrence: recurrence, from: from,
                         until: until, except: except, onPreempt: policy, maxLate: maxLate, text: text,
                         stream: stream)
    }

    /// What a programme airs: `media:`, `text:` (with optional `voice:` and `rate:`) that the site renders to
    /// speech, or `stream:` (one URL or a list) with `duration:`. Exactly one; the media of a text programme is empty
    /// until the site has rendered it, that of a stream its name.
    private static func content(_ item: YAMLMap)
        -> (media: String?, text: ProgrammeText?, stream: ProgrammeStream?) {
        if item.node("stream") != nil || item.node("duration") != nil {
            let stream = stream(item)
            return (stream?.name, nil, stream)
        }
        let (media, text) = stored(item)
        return (media, text, nil)
    }

    /// `media:` or `text:`.
    private static func stored(_ item: YAMLMap) -> (media: String?, text: ProgrammeText?) {
        let media = item.string("media")
        let words = item.string("text")
        let voice = item.string("voice")
        let rate = item.node("rate") == nil ? nil : item.int("rate", default: 0, in: 80...450, unit: "words per minute")
        if words == nil {
            for key in ["voice", "rate"] where item.node(key) != nil {
                item.report(key, "only a text programme has a \(key); add text: or remove it", at: item.node(key))
            }
        }
        switch (media, words) {
        case (nil, nil):
            item.report("media", "missing; name the stored media or give its SHA-256, or give text: to speak")
            return (nil, nil)
        case (.some, .some):
            item.report("text", "give either media or text, not both", at: item.node("text"))
            return (nil, nil)
        case (let media?, nil):
            return (media, nil)
        case (nil, let words?):
            guard words.contains(where: { !$0.isWhitespace }) else {
                item.report("text", "is empty; give the words to speak", at: item.node("text"))
                return (nil, nil)
            }
            if voice?.isEmpty == true {
                item.report("voice", "is empty; give a voice such as vi", at: item.node("voice"))
            }
            return ("", ProgrammeText(text: words, voice: voice, rate: rate))
        }
    }

    private static func recurrence(_ item: YAMLMap) -> Recurrence? {
        let forms = ["rrule", "days", "lunar"].filter { item.node($0) != nil }
        if forms.count > 1 {
            item.report(forms[1], "give only one of rrule (with start), days (with at) or lunar (with at)",
                        at: item.node(forms[1]))
            return nil
        }
        switch forms.first {
        case "rrule":
            return rule(item)
        case "lunar":
            return lunar(item)
        case nil where item.node("at") == nil:
            item.report("rrule", "missing recurrence: give rrule (e.g. FREQ=WEEKLY;BYDAY=MO) with start, "
                        + "days [mon, …] with at [\"05:30\"], or lunar {day: [1, 15]} with at")
            return nil
        default:
            return weekdays(item)
        }
    }

    private static func rule(_ item: YAMLMap) -> Recurrence? {
        // Read both keys before judging either, so a bad rule is the one problem reported, not also its start.
        let text = item.string("rrule")
        let startText = item.string("start")
        guard let text else { return nil }
        guard text.unicodeScalars.allSatisfy({ ruleCharacters.contains($0) }) else {
            item.report("rrule", "not an RRULE: it may hold only letters, digits and = ; , : + -, e.g. "
                        + "FREQ=WEEKLY;BYDAY=MO", at: item.node("rrule"))
            return nil
        }
        let rule: RecurrenceRule
        do {
            rule = try RecurrenceRule(parsing: text)
        } catch {
            item.report("rrule", "\(error)", at: item.node("rrule"))
            return nil
        }
        guard let startText else {
            item.report("start", "missing; an rrule needs its first local date-time, e.g. 2026-12-01T05:30:00")
            return nil
        }
        guard let start = LocalDateTime(startText) else {
            item.report("start", "\(YAMLText.quoted(startText)) is not a local date-time such as "
                        + "2026-12-01T05:30:00", at: item.node("start"))
            return nil
        }
        do {
            try rule.validate(start: start)
        } catch {
            item.report("rrule", "\(error)", at: item.node("rrule"))
            return nil
        }
        return .rrule(rule, start: start)
    }

    private static func weekdays(_ item: YAMLMap) -> Recurrence? {
        var days: Set<Weekday> = []
        let given = item.strings("days")
        for text in given {
            if let day = Weekday(rawValue: text.lowercased()) { days.insert(day) } else {
                item.report("days", "\(YAMLText.quoted(text)) is not a weekday; use mon, tue, wed, thu, fri, sat, sun",
                            at: item.node("days"))
            }
        }
        // Entries that are not weekdays were named above; only a missing or empty list is reported here.
        if item.node("days") == nil {
            item.report("days", "missing; give the weekdays it airs on, e.g. days: [mon, tue, wed, thu, fri, sat, sun]")
        } else if given.isEmpty {
            item.report("days", "list at least one weekday", at: item.node("days"))
        }
        let times = times(item)
        return days.isEmpty || times.isEmpty ? nil : .friendly(days: days, at: times)
    }

    /// `lunar: {month: 3, day: 10}` or `lunar: {day: [1, 15]}`, optionally with `skip:`, and `at:` beside it.
    private static func lunar(_ item: YAMLMap) -> Recurrence? {
        let map = item.map("lunar")
        var month: RecurrenceMonth?
        if let text = map.string("month") {
            if let value = RecurrenceMonth(text) { month = value } else {
                map.report("month", "\(YAMLText.quoted(text)) is not a lunar month: use 1…12, or 3L for the leap "
                           + "third month", at: map.node("month"))
            }
        }
        var days: [Int] = []
        for text in map.strings("day") {
            if let day = Int(text), (1...30).contains(abs(day)) { days.append(day) } else {
                map.report("day", "\(YAMLText.quoted(text)) is not a lunar day: use 1…30 (a lunar month has 29 or 30 "
                           + "days), or -1 for its last day", at: map.node("day"))
            }
        }
        if map.node("day") == nil { map.report("day", "missing; give the lunar day, e.g. day: 15 or day: [1, 15]") }
        let skip = RecurrenceSkip(rawValue: map.choice("skip", default: "backward",
                                                       from: ["omit", "backward", "forward"]).uppercased())
        map.finish()
        let times = times(item)
        guard !days.isEmpty, !times.isEmpty, let skip, map.node("month") == nil || month != nil else { return nil }
        return .lunar(LunarSchedule(month: month, days: days, times: times, skip: skip))
    }

    private static func times(_ item: YAMLMap) -> [LocalTime] {
        var times: [LocalTime] = []
        let given = item.strings("at")
        for text in given {
            if let time = LocalTime(text) { times.append(time) } else {
                item.report("at", "\(YAMLText.quoted(text)) is not a time such as \"05:30\"", at: item.node("at"))
            }
        }
        if item.node("at") == nil {
            item.report("at", "missing; give the times it airs, e.g. at: [\"05:30\", \"17:00\"]")
        } else if given.isEmpty {
            item.report("at", "list at least one time such as \"05:30\"", at: item.node("at"))
        }
        return times
    }

    private static func time(_ map: YAMLMap, _ key: String) -> LocalTime? {
        guard let text = map.string(key) else {
            map.report(key, "missing; give a time such as \"21:30\"")
            return nil
        }
        guard let time = LocalTime(text) else {
            map.report(key, "\(YAMLText.quoted(text)) is not a time such as \"21:30\"", at: map.node(key))
            return nil
        }
        return time
    }

    private static func date(_ map: YAMLMap, _ key: String) -> LocalDate? {
        guard let text = map.string(key) else { return nil }
        guard let date = LocalDate(text) else {
            map.report(key, "\(YAMLText.quoted(text)) is not a date such as 2026-12-01", at: map.node(key))
            return nil
        }
        return date
    }
}
