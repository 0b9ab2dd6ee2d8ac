import CLibXML2
import Foundation

/// One parse of a CAP message or feed with libxml2, and the owner of its tree: everything CommuneCast reads from the
/// message (every field, and what the signatures are checked over) comes from this one tree.
///
/// The bytes pass ``XMLPrecheck`` first. libxml2 then runs with no network (`XML_PARSE_NONET`), no entity
/// substitution (no `XML_PARSE_NOENT`), no DTD loading or validation, no XInclude, its default size limits (no
/// `XML_PARSE_HUGE`), and the document's own encoding declaration ignored in favour of UTF-8. Foundation's
/// `XMLDocument` is never used: with its defaults it reads local files and fetches URLs for external entities.
final class SafeXMLDocument {
    /// The parsed document; freed with this object.
    let pointer: xmlDocPtr

    /// The options every parse uses (see the type's comment).
    static let options = Int32(
        XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue
            | XML_PARSE_IGNORE_ENC.rawValue | XML_PARSE_NOCDATA.rawValue | XML_PARSE_BIG_LINES.rawValue
    )

    /// Checks and parses `bytes`, refusing a document that is too large, not UTF-8, declares anything, is not
    /// well-formed, or has anything but whitespace after its root element.
    convenience init(bytes: [UInt8], maximumBytes: Int) throws(CAPRefusal) {
        try XMLPrecheck.check(bytes, maximumBytes: maximumBytes)
        try self.init(parsing: bytes)
    }

    /// The libxml2 step alone. Production code reaches it only through ``init(bytes:maximumBytes:)``; the tests call
    /// it directly to show that the parser's options hold by themselves when the byte check is skipped.
    init(parsing bytes: [UInt8]) throws(CAPRefusal) {
        try XMLLibraries.prepare()
        guard !bytes.isEmpty else { throw CAPRefusal("document", "is empty") }
        guard let context = libxml2.xmlNewParserCtxt() else { throw CAPRefusal("document", "libxml2 is out of memory") }
        defer { libxml2.xmlFreeParserCtxt(context) }
        let document = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                libxml2.xmlCtxtReadMemory(context, $0, Int32(buffer.count), nil, "UTF-8", Self.options)
            }
        }
        guard let document, context.pointee.wellFormed != 0 else {
            if let document { libxml2.xmlFreeDoc(document) }
            throw Self.parseRefusal(context: context, bytes: bytes)
        }
        pointer = document
        try refuseTrailingNodes()
    }

    deinit {
        libxml2.xmlFreeDoc(pointer)
    }

    /// The root element.
    var root: XMLElementView? {
        libxml2.xmlDocGetRootElement(pointer).map { XMLElementView(pointer: $0, owner: self) }
    }

    /// libxml2 accepts comments and processing instructions after the root; a CAP message ends with it.
    private func refuseTrailingNodes() throws(CAPRefusal) {
        guard let root = libxml2.xmlDocGetRootElement(pointer) else {
            throw CAPRefusal("document", "has no root element")
        }
        if let current = root.pointee.next {
            let kind = current.pointee.type == XML_COMMENT_NODE ? "a comment" : "a processing instruction"
            throw CAPRefusal("document", line: Int(current.pointee.line),
                             "has \(kind) after the root element '\(XMLElementView.name(of: root))'; nothing but "
                                 + "whitespace may follow it")
        }
    }

    /// libxml2's own error, with the line and what stands at the failing position (a second root, garbage, the
    /// point where a truncated document stops).
    private static func parseRefusal(context: xmlParserCtxtPtr, bytes: [UInt8]) -> CAPRefusal {
        guard let error = libxml2.xmlCtxtGetLastError(context) else {
            return CAPRefusal("document", "is not well-formed XML")
        }
        let message = error.pointee.message.map { String(cString: $0) }?
            .trimmingCharacters(in: .whitespacesAndNewlines) ?? "is not well-formed XML"
        let line = Int(error.pointee.line)
        let column = Int(error.pointee.int2)
        var near = ""
        if line > 0 {
            let lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
            if line <= lines.count {
                let text = String(decoding: lines[line - 1], as: UTF8.self)
                let start = text.index(text.startIndex, offsetBy: max(0, min(column - 1, text.count)))
                let snippet = text[start...].prefix(40)
                near = snippet.isEmpty ? ", at the end of the document" : ", at '\(snippet)'"
            }
        }
        return CAPRefusal("document", line: line > 0 ? line : nil, "is not well-formed XML: \(message)\(near)")
    }
}
