import CLibXML2

/// A read-only look at one element of a ``SafeXMLDocument``'s tree; it keeps the document alive.
struct XMLElementView {
    /// The element node.
    let pointer: xmlNodePtr
    /// The document that owns the node.
    let owner: SafeXMLDocument

    /// The local name.
    var name: String { Self.name(of: pointer) }

    /// The namespace URI, or nil for none.
    var namespace: String? {
        pointer.pointee.ns.flatMap { $0.pointee.href }.map { String(cString: $0) }
    }

    /// The 1-based line of the start tag.
    var line: Int { Int(pointer.pointee.line) }

    /// The local name of any element node.
    static func name(of node: xmlNodePtr) -> String {
        node.pointee.name.map { String(cString: $0) } ?? ""
    }

    /// The element children, in order.
    var children: [XMLElementView] {
        var result: [XMLElementView] = []
        var node = pointer.pointee.children
        while let current = node {
            if current.pointee.type == XML_ELEMENT_NODE {
                result.append(XMLElementView(pointer: current, owner: owner))
            }
            node = current.pointee.next
        }
        return result
    }

    /// The attributes as (namespace, local name, value).
    var attributes: [(namespace: String?, name: String, value: String)] {
        var result: [(namespace: String?, name: String, value: String)] = []
        var attribute = pointer.pointee.properties
        while let current = attribute {
            let name = current.pointee.name.map { String(cString: $0) } ?? ""
            let namespace = current.pointee.ns.flatMap { $0.pointee.href }.map { String(cString: $0) }
            var value = ""
            var child = current.pointee.children
            while let text = child {
                value += text.pointee.content.map { String(cString: $0) } ?? ""
                child = text.pointee.next
            }
            result.append((namespace, name, value))
            attribute = current.pointee.next
        }
        return result
    }

    /// The value of the attribute `name` in no namespace.
    func attribute(_ name: String) -> String? {
        attributes.first { $0.namespace == nil && $0.name == name }?.value
    }

    /// What stands in the element besides text: `nil` when it holds text only, else a description of the first other
    /// node ("a comment", "the element 'b'"). A comment inside a value is refused by the readers, because an XML
    /// signature does not cover comments: `<identifier>A<!---->B</identifier>` signs as `AB`.
    var nonTextContent: String? {
        var node = pointer.pointee.children
        while let current = node {
            switch current.pointee.type {
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE: break
            case XML_COMMENT_NODE: return "a comment"
            case XML_PI_NODE: return "a processing instruction"
            case XML_ELEMENT_NODE: return "the element '\(Self.name(of: current))'"
            case XML_ENTITY_REF_NODE: return "an entity reference"
            default: return "a node of type \(current.pointee.type.rawValue)"
            }
            node = current.pointee.next
        }
        return nil
    }

    /// The text children joined, exactly as parsed (no trimming).
    var text: String {
        var result = ""
        var node = pointer.pointee.children
        while let current = node {
            if current.pointee.type == XML_TEXT_NODE || current.pointee.type == XML_CDATA_SECTION_NODE {
                result += current.pointee.content.map { String(cString: $0) } ?? ""
            }
            node = current.pointee.next
        }
        return result
    }

    /// Whether the element holds nothing but whitespace between its child elements (comments are ignored there).
    var hasOnlyWhitespaceText: Bool {
        text.allSatisfy { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
    }

    /// Every descendant element, depth first, in document order.
    var descendants: [XMLElementView] {
        children.flatMap { [$0] + $0.descendants }
    }
}
