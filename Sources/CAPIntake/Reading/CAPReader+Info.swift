extension CAPReader {
    /// One `info` block, or nil when it has errors (recorded).
    static func info(_ element: XMLElementView, path: String, collector: FindingCollector) -> CAPInfo? {
        let reader = ElementReader(element, path: path, rules: ElementRule.info, collector: collector)
        let language = reader.rawText("language").map { $0.text.trimmingWhitespace }
        if let language, case let (_, languagePath, line)? = reader.rawText("language"), !isLanguageTag(language) {
            collector.error(languagePath, line: line, "'\(language)' is not an RFC 5646 language tag")
        }
        let categories = reader.choices("category", as: CAPCategory.self)
        let responseTypes = reader.choices("responseType", as: CAPResponseType.self)
        let urgency = reader.choice("urgency", as: CAPUrgency.self)
        let severity = reader.choice("severity", as: CAPSeverity.self)
        let certainty = reader.choice("certainty", as: CAPCertainty.self)
        let effective = reader.time("effective")
        let onset = reader.time("onset")
        let expires = reader.time("expires")
        let resources = reader.elements("resource").enumerated().compactMap { index, child in
            resource(child, path: reader.childPath("resource", index), collector: collector)
        }
        let areas = reader.elements("area").enumerated().compactMap { index, child in
            area(child, path: reader.childPath("area", index), collector: collector)
        }
        guard let event = reader.requiredText("event"), let urgency, let severity, let certainty,
              !categories.isEmpty else { return nil }
        let given = language.map { !$0.isEmpty } ?? false
        return CAPInfo(
            language: given ? language! : "en-US", languageGiven: given, categories: categories, event: event,
            responseTypes: responseTypes, urgency: urgency, severity: severity, certainty: certainty,
            audience: reader.freeText("audience"), eventCodes: reader.valuePairs("eventCode"), effective: effective,
            onset: onset, expires: expires, senderName: reader.freeText("senderName"),
            headline: reader.freeText("headline"), description: reader.freeText("description"),
            instruction: reader.freeText("instruction"), web: reader.freeText("web"),
            contact: reader.freeText("contact"), parameters: reader.valuePairs("parameter"), resources: resources,
            areas: areas, path: path
        )
    }

    /// `xx`, `xx-YY`, `es-419`...: letters, digits and hyphens, starting with two or three letters.
    static func isLanguageTag(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard let first = parts.first, (2...3).contains(first.count), first.allSatisfy(\.isASCIILetterOrDigit),
              first.allSatisfy({ $0.isLetter }) else { return false }
        return parts.dropFirst().allSatisfy { (1...8).contains($0.count) && $0.allSatisfy(\.isASCIILetterOrDigit) }
    }

    /// One `resource`, or nil when it has errors (recorded).
    static func resource(_ element: XMLElementView, path: String, collector: FindingCollector) -> CAPResource? {
        let reader = ElementReader(element, path: path, rules: ElementRule.resource, collector: collector)
        var size: Int?
        if case let (text, sizePath, line)? = reader.rawText("size") {
            size = Int(text.trimmingWhitespace)
            if size == nil || size! < 0 {
                collector.error(sizePath, line: line, "'\(text)' is not a size in bytes")
            }
        }
        let digest = reader.freeText("digest")
        if let digest, case let (_, digestPath, line)? = reader.rawText("digest"),
           digest.count != 40 || !digest.allSatisfy(\.isHexDigit) {
            collector.error(digestPath, line: line, "'\(digest)' is not a SHA-1 digest (40 hex digits)")
        }
        guard let description = reader.requiredText("resourceDesc"), let mimeType = reader.requiredText("mimeType")
        else {
            return nil
        }
        return CAPResource(description: description, mimeType: mimeType, size: size, uri: reader.freeText("uri"),
                           derefUri: reader.rawText("derefUri")?.text, digest: digest?.lowercased(), path: path)
    }
}

extension Character {
    /// An ASCII letter or digit.
    var isASCIILetterOrDigit: Bool { isASCII && (isLetter || isNumber) }
}
