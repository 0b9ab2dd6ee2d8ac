import Foundation
import Scheduling
import YAMLSupport

extension ScheduleFile {
    /// The longest a relay programme may air: a day.
    static let longestStream: TimeInterval = 86_400

    /// A relay programme's `stream:` (one `http://` or `https://` URL, or a list of them) and `duration:` (seconds,
    /// or a number with s, m or h: `90s`, `30m`, `1.5h`). Neither media nor text may be given with them.
    static func stream(_ item: YAMLMap) -> ProgrammeStream? {
        for key in ["media", "text", "voice", "rate"] where item.node(key) != nil {
            item.report(key, "a stream programme has no \(key); give stream: and duration:, or remove stream:",
                        at: item.node(key))
        }
        let urls = item.strings("stream")
        if item.node("stream") == nil {
            item.report("stream", "missing; duration: goes with stream: (the URL of an Ogg Opus mount to relay)")
        } else if urls.isEmpty {
            item.report("stream", "is empty; give the URL of an Ogg Opus mount, or a list of them",
                        at: item.node("stream"))
        }
        for url in urls where !isStreamURL(url) {
            item.report("stream", "\(YAMLText.quoted(url)) is not an http:// or https:// URL with a host",
                        at: item.node("stream"))
        }
        let duration = item.string("duration").flatMap(seconds)
        if item.node("duration") == nil {
            item.report("duration", "missing; a stream programme needs a duration such as 30m")
        } else if duration == nil {
            item.report("duration", "\(YAMLText.quoted(item.string("duration") ?? "")) is not a duration of 1 s to "
                        + "24 h: give seconds (1800) or a number with s, m or h (30m, 1.5h)", at: item.node("duration"))
        }
        guard let duration, !urls.isEmpty, urls.allSatisfy(isStreamURL) else { return nil }
        return ProgrammeStream(urls: urls, duration: duration)
    }

    /// Whether `text` is an `http:` or `https:` URL with a host (the site checks the rest when it connects).
    private static func isStreamURL(_ text: String) -> Bool {
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
              scheme == "http" || scheme == "https" else { return false }
        return components.host?.isEmpty == false
    }

    /// `1800`, `90s`, `30m`, `1.5h` in seconds, within a day; nil otherwise.
    private static func seconds(_ text: String) -> TimeInterval? {
        let units: [Character: Double] = ["s": 1, "m": 60, "h": 3_600]
        var number = Substring(text)
        var unit = 1.0
        if let last = text.last, let factor = units[last] {
            number = number.dropLast()
            unit = factor
        }
        guard let value = Double(number), value.isFinite else { return nil }
        let seconds = value * unit
        return seconds >= 1 && seconds <= longestStream ? seconds : nil
    }
}
