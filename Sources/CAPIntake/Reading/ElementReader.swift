/// Reads one CAP container element strictly against its ``ElementRule`` list: only CAP 1.2 elements, in the
/// schema's order, each as often as allowed; no attributes and no loose text. Values are read through it, and each
/// problem is recorded with the element's path.
struct ElementReader {
    /// The CAP 1.2 namespace.
    static let namespace = "urn:oasis:names:tc:emergency:cap:1.2"
    /// The XML-DSig namespace.
    static let signatureNamespace = "http://www.w3.org/2000/09/xmldsig#"
    /// XML Schema instance attributes (`xsi:schemaLocation`) are tolerated on the root.
    static let schemaInstanceNamespace = "http://www.w3.org/2001/XMLSchema-instance"

    /// The element read.
    let element: XMLElementView
    /// Its path (`alert/info[2]`).
    let path: String
    /// Where problems go.
    let collector: FindingCollector
    /// The children, grouped by name.
    private var groups: [String: [XMLElementView]] = [:]
    /// The rules, by name.
    private let rules: [String: ElementRule]
    /// `ds:Signature` children (only `alert` may have them).
    private(set) var signatures: [XMLElementView] = []

    /// Checks `element`'s children against `rules`; `signatures` allows `ds:Signature` after them (for `alert`).
    init(_ element: XMLElementView, path: String, rules: [ElementRule], collector: FindingCollector,
         signatures allowsSignatures: Bool = false) {
        self.element = element
        self.path = path
        self.collector = collector
        self.rules = Dictionary(uniqueKeysWithValues: rules.map { ($0.name, $0) })
        for attribute in element.attributes
        where !(allowsSignatures && attribute.namespace == Self.schemaInstanceNamespace) {
            collector.error(path, line: element.line, "has the attribute '\(attribute.name)'; CAP elements have none")
        }
        if !element.hasOnlyWhitespaceText {
            collector.error(path, line: element.line, "holds text between its elements")
        }
        var position = -1
        for child in element.children {
            let name = child.name
            if allowsSignatures, child.namespace == Self.signatureNamespace, name == "Signature" {
                signatures.append(child)
                continue
            }
            guard child.namespace == Self.namespace, let index = rules.firstIndex(where: { $0.name == name }) else {
                collector.error("\(path)/\(name)", line: child.line, Self.unknown(child, in: element.name))
                continue
            }
            if !signatures.isEmpty {
                collector.error("\(path)/\(name)", line: child.line,
                                "comes after a Signature; signatures end the alert")
            }
            if index < position {
                collector.error("\(path)/\(name)", line: child.line,
                                "is out of order: CAP 1.2 puts it before '\(rules[position].name)'")
            }
            position = max(position, index)
            groups[name, default: []].append(child)
        }
        for rule in rules {
            let count = groups[rule.name]?.count ?? 0
            if count < rule.minimum {
                collector.error("\(path)/\(rule.name)", line: element.line, "is missing; CAP 1.2 requires it")
            } else if count > rule.maximum {
                let second = groups[rule.name]![1]
                collector.error("\(path)/\(rule.name)", line: second.line,
                                "appears \(count) times; CAP 1.2 allows it once")
            }
        }
    }

    private static func unknown(_ child: XMLElementView, in parent: String) -> String {
        guard let namespace = child.namespace else {
            return "is not a CAP 1.2 element of '\(parent)' (it has no namespace)"
        }
        if namespace == ElementReader.namespace { return "is not a CAP 1.2 element of '\(parent)'" }
        if namespace == signatureNamespace {
            return child.name == "Signature"
                ? "is a Signature inside '\(parent)'; a signature must be a direct child of alert"
                : "is an XML-DSig element where CAP allows none"
        }
        return "is in the namespace '\(namespace)', not CAP 1.2's"
    }

    /// The path of child `name` number `index` (0-based): `path/name`, or `path/name[2]` for repeatable ones.
    func childPath(_ name: String, _ index: Int = 0) -> String {
        (rules[name]?.maximum ?? 1) > 1 ? "\(path)/\(name)[\(index + 1)]" : "\(path)/\(name)"
    }

    /// The child elements named `name`.
    func elements(_ name: String) -> [XMLElementView] { groups[name] ?? [] }

    /// The raw text of each child `name` that holds text only; one holding a comment or an element is an error.
    func texts(_ name: String) -> [(text: String, path: String, line: Int)] {
        elements(name).enumerated().compactMap { index, child in
            let childPath = childPath(name, index)
            if let attribute = child.attributes.first {
                collector.error(childPath, line: child.line,
                                "has the attribute '\(attribute.name)'; CAP elements have none")
            }
            if let other = child.nonTextContent {
                collector.error(childPath, line: child.line, "holds \(other); CAP values are plain text")
                return nil
            }
            return (child.text, childPath, child.line)
        }
    }

    /// The raw text of the single child `name`, nil when absent.
    func rawText(_ name: String) -> (text: String, path: String, line: Int)? { texts(name).first }

    /// Free text: trimmed, nil when absent or blank.
    func freeText(_ name: String) -> String? {
        guard let text = rawText(name)?.text.trimmingWhitespace, !text.isEmpty else { return nil }
        return text
    }

    /// Required free text: trimmed; blank is an error (a missing element was already recorded).
    func requiredText(_ name: String) -> String? {
        guard case let (text, path, line)? = rawText(name) else { return nil }
        let trimmed = text.trimmingWhitespace
        if trimmed.isEmpty { collector.error(path, line: line, "is empty; CAP 1.2 requires a value") }
        return trimmed.isEmpty ? nil : trimmed
    }

    /// A required value that must be exactly one of `Value`'s spellings.
    func choice<Value: RawRepresentable & CaseIterable>(_ name: String, as type: Value.Type) -> Value?
    where Value.RawValue == String {
        guard case let (text, path, line)? = rawText(name) else { return nil }
        guard let value = Value(rawValue: text) else {
            let spellings = Value.allCases.map(\.rawValue).joined(separator: ", ")
            collector.error(path, line: line, "'\(text)' is not a CAP 1.2 \(name); CAP spells them \(spellings)")
            return nil
        }
        return value
    }

    /// Each child `name` as one of `Value`'s spellings.
    func choices<Value: RawRepresentable & CaseIterable>(_ name: String, as type: Value.Type) -> [Value]
    where Value.RawValue == String {
        texts(name).compactMap { text, path, line in
            guard let value = Value(rawValue: text) else {
                let spellings = Value.allCases.map(\.rawValue).joined(separator: ", ")
                collector.error(path, line: line, "'\(text)' is not a CAP 1.2 \(name); CAP spells them \(spellings)")
                return nil
            }
            return value
        }
    }

    /// A CAP time, nil when absent or invalid (recorded).
    func time(_ name: String) -> CAPTime? {
        guard case let (text, path, line)? = rawText(name) else { return nil }
        do {
            return try CAPTime(parsing: text)
        } catch {
            collector.error(path, line: line, "'\(text)' \(error)")
            return nil
        }
    }

    /// The `valueName`/`value` pairs of the children `name`.
    func valuePairs(_ name: String) -> [CAPValuePair] {
        elements(name).enumerated().compactMap { index, child in
            let pair = ElementReader(child, path: childPath(name, index), rules: ElementRule.valuePair,
                                     collector: collector)
            guard let valueName = pair.rawText("valueName")?.text.trimmingWhitespace,
                  let value = pair.rawText("value")?.text.trimmingWhitespace else { return nil }
            return CAPValuePair(name: valueName, value: value)
        }
    }
}

extension String {
    /// Without leading and trailing spaces, tabs and line breaks.
    var trimmingWhitespace: String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        return String(drop(while: isSpace).reversed().drop(while: isSpace).reversed())
    }
}
