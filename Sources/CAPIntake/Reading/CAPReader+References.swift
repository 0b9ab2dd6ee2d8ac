extension CAPReader {
    /// An Update's or Cancel's `references`: one or more `sender,identifier,sent` triples, none empty, none naming
    /// the message itself, none sent after it. Live Canadian alerts carry an empty `<references/>` on plain Alerts:
    /// that is accepted with a warning, and references on an Alert are not acted on.
    static func references(_ reader: ElementReader, own: CAPReference, type: CAPMessageType) -> [CAPReference] {
        let needsReferences = type == .update || type == .cancel
        guard case let (text, path, line)? = reader.rawText("references") else {
            if needsReferences {
                reader.collector.error("alert/references", line: reader.element.line,
                                       "is missing; an \(type.rawValue) must name the messages it acts on")
            }
            return []
        }
        let triples = text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" })
        guard !triples.isEmpty else {
            if needsReferences {
                reader.collector.error(path, line: line, "is empty; an \(type.rawValue) must name the messages it "
                                           + "acts on as sender,identifier,sent")
            } else {
                reader.collector.warning(path, line: line, "is empty on an \(type.rawValue); ignored")
            }
            return []
        }
        var references: [CAPReference] = []
        for triple in triples {
            let parts = triple.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 3, !parts[0].isEmpty, !parts[1].isEmpty else {
                reader.collector.error(path, line: line, "'\(triple)' is not sender,identifier,sent")
                continue
            }
            let sent: CAPTime
            do {
                sent = try CAPTime(parsing: parts[2])
            } catch {
                reader.collector.error(path, line: line, "'\(triple)': its sent '\(parts[2])' \(error)")
                continue
            }
            let reference = CAPReference(sender: parts[0], identifier: parts[1], sent: sent)
            if reference.key == own.key {
                reader.collector.error(path, line: line, "'\(triple)' names this message itself")
            } else if sent.date > own.sent.date {
                reader.collector.error(path, line: line, "'\(triple)' was sent after this message "
                                           + "(\(own.sent.text)); a message can only refer to earlier ones")
            } else if references.contains(where: { $0.key == reference.key }) {
                reader.collector.error(path, line: line, "'\(triple)' is named twice")
            } else {
                references.append(reference)
            }
        }
        if !needsReferences, !references.isEmpty, type == .alert {
            reader.collector.warning(path, line: line, "names earlier messages on an Alert; an Alert replaces "
                                         + "nothing, so they are not acted on")
        }
        return references
    }
}
