import Foundation
import Yams

/// A YAML mapping read with typed accessors that record located problems instead of throwing at the first one.
/// Unknown keys are reported too (`finish()`), because a misspelt key silently falling back to its default is how a
/// loudspeaker ends up at full volume at 5 a.m.
public final class YAMLMap {
    /// The file, for messages.
    public let file: String
    /// Key path of this mapping inside the document.
    public let path: String
    private let mapping: Node.Mapping?
    private let line: Int?
    private var seen: Set<String> = []
    private let collector: YAMLCollector

    init(file: String, path: String, node: Node?, collector: YAMLCollector) {
        self.file = file
        self.path = path
        self.collector = collector
        line = node?.mark.map { $0.line }
        mapping = node?.mapping
        if let node, mapping == nil, !Self.isEmpty(node) {
            collector.add(YAMLIssue(file: file, line: line, key: path, problem: "expected a mapping of keys to values"))
        }
    }

    /// Parses `text`; a syntax error is reported with its line.
    public static func parse(_ text: String, file: String, collector: YAMLCollector) -> YAMLMap {
        do {
            let node = try Yams.compose(yaml: text)
            return YAMLMap(file: file, path: "", node: node, collector: collector)
        } catch let error as YamlError {
            collector.add(YAMLIssue(file: file, line: Self.line(of: error), key: "",
                                    problem: "not valid YAML: \(Self.problem(of: error))"))
        } catch {
            collector.add(YAMLIssue(file: file, line: nil, key: "", problem: "not valid YAML"))
        }
        return YAMLMap(file: file, path: "", node: nil, collector: collector)
    }

    private static func line(of error: YamlError) -> Int? {
        switch error {
        case let .scanner(_, _, mark, _), let .parser(_, _, mark, _), let .composer(_, _, mark, _): mark.line
        case let .duplicatedKeysInMapping(_, context): context.mark.line
        default: nil
        }
    }

    /// libyaml's words for a syntax error and its column, without the snippet of the file Yams appends (see
    /// ``YAMLText``).
    private static func problem(of error: YamlError) -> String {
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            return problem + " (column \(mark.column)" + (context.map { ", \($0.text)" } ?? "") + ")"
        case let .reader(problem, _, _, _):
            return problem
        case let .duplicatedKeysInMapping(duplicates, _):
            let keys = duplicates.filter(YAMLText.isKeyLike).sorted()
            return "a key appears twice in one mapping" + (keys.isEmpty ? "" : ": " + keys.joined(separator: ", "))
        default:
            return "the file cannot be read as YAML"
        }
    }

    private func keyPath(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    /// An empty document or YAML's null (an empty or plain `~`/`null` scalar) reads as "nothing set"; a quoted
    /// `"null"` is text, such as ALSA's `null` device.
    private static func isEmpty(_ node: Node) -> Bool {
        guard let scalar = node.scalar else { return false }
        return scalar.string.isEmpty || (scalar.style == .plain && ["~", "null"].contains(scalar.string))
    }

    /// The raw node for `key`, marking the key as known.
    public func node(_ key: String) -> Node? {
        seen.insert(key)
        guard let mapping else { return nil }
        guard let value = mapping[key], !Self.isEmpty(value) else { return nil }
        return value
    }

    /// Records a problem at `key`.
    public func report(_ key: String, _ problem: String, at node: Node? = nil) {
        collector.add(YAMLIssue(file: file, line: (node?.mark?.line) ?? line, key: keyPath(key), problem: problem))
    }

    /// Records a warning at `key`: legal, but probably not what was meant.
    public func warn(_ key: String, _ problem: String, at node: Node? = nil) {
        collector.warn(YAMLIssue(file: file, line: (node?.mark?.line) ?? line, key: keyPath(key), problem: problem))
    }

    /// A string value, or `fallback` when absent.
    public func string(_ key: String, default fallback: String) -> String { string(key) ?? fallback }

    /// A string value, or nil when absent (a wrong type is reported).
    public func string(_ key: String) -> String? {
        guard let node = node(key) else { return nil }
        guard let scalar = node.scalar else {
            report(key, "expected a text value", at: node)
            return nil
        }
        return scalar.string
    }

    /// A number, checked against `range`, or `fallback`.
    public func double(_ key: String, default fallback: Double, in range: ClosedRange<Double>, unit: String) -> Double {
        guard let node = node(key) else { return fallback }
        guard let value = node.scalar.flatMap({ Double($0.string) }), value.isFinite else {
            report(key, "expected a number in \(unit), got \(Self.shown(node))", at: node)
            return fallback
        }
        guard range.contains(value) else {
            report(key, "\(value) \(unit) is out of range; use \(range.lowerBound) to \(range.upperBound)", at: node)
            return fallback
        }
        return value
    }

    /// A whole number, checked against `range`, or `fallback`.
    public func int(_ key: String, default fallback: Int, in range: ClosedRange<Int>, unit: String) -> Int {
        guard let node = node(key) else { return fallback }
        guard let value = node.scalar.flatMap({ Int($0.string) }) else {
            report(key, "expected a whole number of \(unit), got \(Self.shown(node))", at: node)
            return fallback
        }
        guard range.contains(value) else {
            report(key, "\(value) \(unit) is out of range; use \(range.lowerBound) to \(range.upperBound)", at: node)
            return fallback
        }
        return value
    }

    /// A boolean, or `fallback`.
    public func bool(_ key: String, default fallback: Bool) -> Bool {
        guard let node = node(key) else { return fallback }
        switch node.scalar?.string.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default:
            report(key, "expected true or false, got \(Self.shown(node))", at: node)
            return fallback
        }
    }

    /// One of `choices`, or `fallback`.
    public func choice(_ key: String, default fallback: String, from choices: [String]) -> String {
        guard let value = string(key) else { return fallback }
        guard choices.contains(value) else {
            report(key, "\(YAMLText.quoted(value)) is not one of \(choices.joined(separator: ", "))", at: node(key))
            return fallback
        }
        return value
    }

    /// A nested mapping (empty when absent).
    public func map(_ key: String) -> YAMLMap {
        YAMLMap(file: file, path: keyPath(key), node: node(key), collector: collector)
    }

    /// A list of nested mappings (empty when absent).
    public func maps(_ key: String) -> [YAMLMap] {
        guard let node = node(key) else { return [] }
        guard let sequence = node.sequence else {
            report(key, "expected a list", at: node)
            return []
        }
        return sequence.enumerated().map { index, item in
            YAMLMap(file: file, path: "\(keyPath(key))[\(index)]", node: item, collector: collector)
        }
    }

    /// A list of strings (empty when absent).
    public func strings(_ key: String) -> [String] {
        guard let node = node(key) else { return [] }
        if let scalar = node.scalar { return [scalar.string] }
        guard let sequence = node.sequence else {
            report(key, "expected a list of text values", at: node)
            return []
        }
        return sequence.compactMap { item in
            guard let scalar = item.scalar else {
                report(key, "expected a list of text values", at: item)
                return nil
            }
            return scalar.string
        }
    }

    /// A mapping whose keys the file chooses, each to one text value or a list of them (empty when absent), such as
    /// an inventory site's `geocodes: {SAME: "006109", "VN:MaXa": ["30292"]}`.
    public func stringLists(_ key: String) -> [String: [String]] {
        guard let node = node(key) else { return [:] }
        guard let mapping = node.mapping else {
            report(key, "expected a mapping of names to text values", at: node)
            return [:]
        }
        var result: [String: [String]] = [:]
        for (name, value) in mapping {
            guard let name = name.scalar?.string else { continue }
            if let scalar = value.scalar {
                result[name] = [scalar.string]
            } else if let items = value.sequence, items.allSatisfy({ $0.scalar != nil }) {
                result[name] = items.compactMap { $0.scalar?.string }
            } else {
                report("\(key).\(name)", "expected a text value or a list of them", at: value)
            }
        }
        return result
    }

    /// Line of `key`'s value, for callers that validate further themselves.
    public func line(of key: String) -> Int? {
        guard let mapping else { return line }
        return mapping[key]?.mark?.line ?? line
    }

    /// Reports every key that no accessor asked for. A key that is not a name is not quoted (see ``YAMLText``).
    public func finish() {
        guard let mapping else { return }
        let known = seen.sorted().joined(separator: ", ")
        for (key, value) in mapping {
            guard let name = key.scalar?.string, !seen.contains(name) else { continue }
            guard YAMLText.isKeyLike(name) else {
                collector.add(YAMLIssue(file: file, line: key.mark?.line ?? value.mark?.line ?? line, key: path,
                                        problem: "not a key: value entry of this file (its key is not a name); "
                                            + "known keys here are \(known)"))
                continue
            }
            let hint = Self.likelyMeant(name, among: seen).map { "did you mean \($0)? " } ?? ""
            report(name, "unknown key; \(hint)known keys here are \(known)", at: value)
        }
    }

    /// The known key a mistyped one most likely meant (`day` for `days`, `meida` for `media`): the nearest by edit
    /// distance, if it is within one edit per three letters and no other key is as near.
    static func likelyMeant(_ name: String, among known: Set<String>) -> String? {
        let typed = Array(name.lowercased())
        let ranked = known.map { ($0, editDistance(typed, Array($0))) }.sorted { $0.1 < $1.1 }
        guard let best = ranked.first, best.1 <= max(1, typed.count / 3),
              ranked.dropFirst().first?.1 != best.1 else { return nil }
        return best.0
    }

    /// Levenshtein distance, with a swap of two neighbours counted as one edit (`meida`).
    static func editDistance(_ one: [Character], _ other: [Character]) -> Int {
        guard !one.isEmpty, !other.isEmpty else { return max(one.count, other.count) }
        var before = [Int](repeating: 0, count: other.count + 1)
        var previous = Array(0...other.count)
        for i in 1...one.count {
            var current = [i] + [Int](repeating: 0, count: other.count)
            for j in 1...other.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1,
                                 previous[j - 1] + (one[i - 1] == other[j - 1] ? 0 : 1))
                if i > 1, j > 1, one[i - 1] == other[j - 2], one[i - 2] == other[j - 1] {
                    current[j] = min(current[j], before[j - 2] + 1)
                }
            }
            (before, previous) = (previous, current)
        }
        return previous[other.count]
    }

    /// A scalar as a report may quote it, or what kind of node it is.
    private static func shown(_ node: Node) -> String {
        node.scalar.map { YAMLText.quoted($0.string) } ?? "a list or mapping"
    }
}
