import Foundation
import YAMLSupport
import Yams

/// Abbreviations the normaliser reads out in full ("UBND" → "Ủy ban nhân dân"). The built-in table is the
/// repository's `Sources/Speech/abbreviations.yaml`, compiled in; a province or site extends it with files of the
/// same form (`overridePath`, or a file the operator names), read in order, a later entry replacing an earlier one.
public struct AbbreviationTable: Sendable {
    /// Where an office or site puts its own additions, read after the built-in table when it exists.
    public static let overridePath = "/etc/communecast/abbreviations.yaml"

    /// Abbreviation → words.
    public let expansions: [String: String]
    /// One rule matching every key as a whole word, longest first.
    let rule: RewriteRule

    /// A table of `expansions`.
    public init(_ expansions: [String: String]) {
        self.expansions = expansions
        let keys = expansions.keys.sorted { $0.count != $1.count ? $0.count > $1.count : $0 < $1 }
            .map { NSRegularExpression.escapedPattern(for: $0) }
        rule = RewriteRule(keys.isEmpty ? "(?!)" : #"(?<![\p{L}\p{N}])(?:"# + keys.joined(separator: "|")
                           + #")(?![\p{L}])"#)
    }

    /// The table compiled into the program from `abbreviations.yaml`.
    public static let builtIn: AbbreviationTable = {
        let text = String(decoding: PackageResources.abbreviations_yaml, as: UTF8.self)
        // The built-in file is checked by the tests; an entry that failed to parse would show there.
        return AbbreviationTable((try? parse(text, file: "abbreviations.yaml (built in)")) ?? [:])
    }()

    /// This table with `entries` added, replacing entries with the same key.
    public func adding(_ entries: [String: String]) -> AbbreviationTable {
        AbbreviationTable(expansions.merging(entries) { _, new in new })
    }

    /// The built-in table, then `overridePath` if it exists, then each of `files` (which must exist).
    public static func load(files: [String], overridePath: String = overridePath) throws(YAMLIssues)
        -> AbbreviationTable {
        var table = builtIn
        let paths = (FileManager.default.fileExists(atPath: overridePath) ? [overridePath] : []) + files
        for path in paths {
            table = table.adding(try parse(try YAMLFile.read(path: path), file: path))
        }
        return table
    }

    /// Reads `abbreviations:` from a YAML document: a mapping of abbreviation to words.
    public static func parse(_ text: String, file: String) throws(YAMLIssues) -> [String: String] {
        let collector = YAMLCollector()
        let document = YAMLMap.parse(text, file: file, collector: collector)
        var entries: [String: String] = [:]
        if let node = document.node("abbreviations") {
            if let mapping = node.mapping {
                for (key, value) in mapping {
                    guard let abbreviation = key.scalar?.string, !abbreviation.isEmpty,
                          let words = value.scalar?.string, !words.trimmingCharacters(in: .whitespaces).isEmpty
                    else {
                        collector.add(YAMLIssue(file: file, line: key.mark?.line, key: "abbreviations",
                                                problem: "each entry must map an abbreviation to the words to say"))
                        continue
                    }
                    entries[abbreviation] = words
                }
            } else {
                document.report("abbreviations", "expected a mapping of abbreviation to words", at: node)
            }
        }
        document.finish()
        try collector.throwIfAny()
        return entries
    }
}
