/// Reads a CAP 1.2 `alert` from a parsed document, checking everything issue 17 lists: the namespace, the schema's
/// elements and order, no duplicates of single-valued elements, enumerations spelt exactly, CAP times, and an Update
/// or Cancel's references. Every error is collected and the message refused with all of them; warnings go with an
/// accepted message.
struct CAPReader {
    /// The CAP 1.1 namespace, named in the refusal of a 1.1 message.
    static let version11Namespace = "urn:oasis:names:tc:emergency:cap:1.1"

    /// What reading produced: the alert, its warnings, and its `ds:Signature` elements for the verifier.
    struct Result {
        /// The alert.
        var alert: CAPAlert
        /// Warnings (accepted oddities, such as an empty `references` on an Alert).
        var warnings: [CAPFinding]
        /// The signatures, direct children of `alert`.
        var signatures: [XMLElementView]
    }

    /// Reads `document`, or refuses it with every error found.
    static func read(_ document: SafeXMLDocument) throws(CAPRefusal) -> Result {
        guard let root = document.root else { throw CAPRefusal("document", "has no root element") }
        guard root.name == "alert" else {
            throw CAPRefusal(root.name, line: root.line, "is the root element; a CAP message's root is 'alert'")
        }
        guard root.namespace == ElementReader.namespace else {
            if root.namespace == version11Namespace {
                throw CAPRefusal("alert", line: root.line, "is in the CAP 1.1 namespace (\(version11Namespace)); "
                                     + "only CAP 1.2 (\(ElementReader.namespace)) is read")
            }
            throw CAPRefusal("alert", line: root.line, "is in the namespace '\(root.namespace ?? "(none)")', not "
                                 + "CAP 1.2's \(ElementReader.namespace)")
        }
        let collector = FindingCollector()
        let reader = ElementReader(root, path: "alert", rules: ElementRule.alert, collector: collector,
                                   signatures: true)
        refuseNestedSignatures(reader.signatures, collector: collector)
        let identifier = token("identifier", reader)
        let sender = token("sender", reader)
        let sent = reader.time("sent")
        let status = reader.choice("status", as: CAPStatus.self)
        let messageType = reader.choice("msgType", as: CAPMessageType.self)
        let scope = reader.choice("scope", as: CAPScope.self)
        let infos = reader.elements("info").enumerated().compactMap { index, element in
            CAPReader.info(element, path: reader.childPath("info", index), collector: collector)
        }
        var references: [CAPReference] = []
        if let identifier, let sender, let sent, let messageType {
            let own = CAPReference(sender: sender, identifier: identifier, sent: sent)
            references = Self.references(reader, own: own, type: messageType)
        }
        checkScope(scope, reader)
        try collector.throwIfErrors()
        guard let identifier, let sender, let sent, let status, let messageType, let scope else {
            throw CAPRefusal("alert", line: root.line, "is missing a required element")
        }
        let alert = CAPAlert(
            identifier: identifier, sender: sender, sent: sent, status: status, messageType: messageType,
            source: reader.freeText("source"), scope: scope, restriction: reader.freeText("restriction"),
            addresses: reader.freeText("addresses"),
            codes: reader.texts("code").map { $0.text.trimmingWhitespace }.filter { !$0.isEmpty },
            note: reader.freeText("note"), references: references, incidents: reader.freeText("incidents"),
            infos: infos, signatureCount: reader.signatures.count
        )
        return Result(alert: alert, warnings: collector.warnings, signatures: reader.signatures)
    }

    /// `identifier` and `sender`: CAP forbids spaces, commas, `<` and `&` in them.
    private static func token(_ name: String, _ reader: ElementReader) -> String? {
        guard case let (text, path, line)? = reader.rawText(name) else { return nil }
        guard !text.isEmpty else {
            reader.collector.error(path, line: line, "is empty")
            return nil
        }
        if let bad = text.first(where: { $0 == " " || $0 == "," || $0 == "<" || $0 == "&" || $0.isWhitespace }) {
            let shown = bad == " " ? "a space" : (bad.isWhitespace ? "whitespace" : "'\(bad)'")
            reader.collector.error(path, line: line,
                                   "'\(text)' holds \(shown); CAP forbids spaces, commas, < and & here")
            return nil
        }
        return text
    }

    /// A signature inside a signature is refused (one inside a CAP element already is, as an unknown element).
    private static func refuseNestedSignatures(_ signatures: [XMLElementView], collector: FindingCollector) {
        for signature in signatures {
            for element in signature.descendants
            where element.namespace == ElementReader.signatureNamespace && element.name == "Signature" {
                collector.error("alert/Signature", line: element.line,
                                "holds another Signature; a signature must be a direct child of alert")
            }
        }
    }

    private static func checkScope(_ scope: CAPScope?, _ reader: ElementReader) {
        if scope == .restricted, reader.freeText("restriction") == nil {
            reader.collector.warning("alert/restriction", line: reader.element.line,
                                     "is missing or empty; CAP requires it for scope Restricted")
        }
        if scope == .private, reader.freeText("addresses") == nil {
            reader.collector.warning("alert/addresses", line: reader.element.line,
                                     "is missing or empty; CAP requires it for scope Private")
        }
    }
}
