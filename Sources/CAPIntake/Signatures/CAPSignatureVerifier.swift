import CLibXML2
import CXMLSec

/// Verifies a CAP message's enveloped XML signatures with xmlsec1, in the tree the fields are read from, each with
/// the keys pinned for the sender only (issue 17, FCC 47 CFR 11.56(c)).
///
/// Hardening: the key is set on the context before verification, so xmlsec1 never reads `KeyInfo` (no `KeyValue`,
/// no certificate from the message); only `URI=""` references are enabled; the reference and signature transforms
/// are limited to ``SignatureAlgorithms``; manifests are ignored. Each signature is checked alone: the others are
/// taken out of the tree while it is verified, since a message such as Canada's NAAD carries several signatures each
/// made over the document without the others. NAAD's no-namespace `Object` is removed first (it is outside
/// `SignedInfo`, so nothing signed changes).
enum CAPSignatureVerifier {
    /// One result per signature, in document order; a signature whose structure is not allowed refuses the message.
    static func verify(_ signatures: [XMLElementView], keys: [PinnedKey]) throws(CAPRefusal) -> [CAPSignatureResult] {
        guard !signatures.isEmpty else { return [] }
        let shapes = try signatures.enumerated().map { index, signature throws(CAPRefusal) in
            try SignatureShape(signature, path: "alert/Signature[\(index + 1)]")
        }
        return XMLLibraries.lock.withLock { _ in
            for node in shapes.flatMap(\.looseObjects) {
                libxml2.xmlUnlinkNode(node)
                libxml2.xmlFreeNode(node)
            }
            let loaded = keys.map { key in (key, load(key)) }
            defer { loaded.compactMap { $0.1 }.forEach { xmlsec.xmlSecKeyDestroy($0) } }
            let nodes = signatures.map(\.pointer)
            let previous = nodes.map { $0.pointee.prev }
            let anchors = nodes.map { node in
                var anchor = node.pointee.prev
                while let current = anchor, nodes.contains(current) { anchor = current.pointee.prev }
                return anchor
            }
            let parent = nodes[0].pointee.parent!
            nodes.forEach { libxml2.xmlUnlinkNode($0) }
            defer {
                for (node, before) in zip(nodes, previous) { insert(node, after: before, in: parent) }
            }
            return zip(nodes.indices, shapes).map { index, shape in
                insert(nodes[index], after: anchors[index], in: parent)
                defer { libxml2.xmlUnlinkNode(nodes[index]) }
                return check(nodes[index], index: index + 1, shape: shape, keys: loaded)
            }
        }
    }

    private static func check(_ node: xmlNodePtr, index: Int, shape: SignatureShape,
                              keys: [(PinnedKey, xmlSecKeyPtr?)]) -> CAPSignatureResult {
        var result = CAPSignatureResult(index: index, method: shape.method, digest: shape.digest)
        guard !keys.isEmpty else {
            result.problem = "no certificate or key is pinned for this sender, so it cannot be verified"
            return result
        }
        var problems: [String] = []
        for (key, handle) in keys {
            guard let handle else {
                problems.append("\(key) cannot be loaded by xmlsec1")
                continue
            }
            switch verify(node, with: handle) {
            case nil:
                result.verifiedBy = key
                return result
            case let problem?:
                problems.append(problem)
            }
        }
        let digestProblem = problems.first { $0.hasPrefix("the digest") }
        result.problem = digestProblem ?? "it does not verify with any of the \(keys.count) key(s) pinned for this "
            + "sender (the message's own KeyInfo is never used): \(Set(problems).sorted().joined(separator: "; "))"
        return result
    }

    /// nil when the signature verifies with `key`, else why not.
    private static func verify(_ node: xmlNodePtr, with key: xmlSecKeyPtr) -> String? {
        guard let context = xmlsec.xmlSecDSigCtxCreate(nil) else { return "xmlsec1 is out of memory" }
        defer { xmlsec.xmlSecDSigCtxDestroy(context) }
        context.pointee.flags |= UInt32(XMLSEC_DSIG_FLAGS_IGNORE_MANIFESTS)
        context.pointee.enabledReferenceUris = xmlSecTransformUriType(xmlSecTransformUriTypeEmpty)
        for transform in SignatureAlgorithms.referenceTransforms {
            guard xmlsec.xmlSecDSigCtxEnableReferenceTransform(context, transform) == 0 else {
                return "xmlsec1 set-up failed"
            }
        }
        for transform in SignatureAlgorithms.signatureTransforms {
            guard xmlsec.xmlSecDSigCtxEnableSignatureTransform(context, transform) == 0 else {
                return "xmlsec1 set-up failed"
            }
        }
        context.pointee.signKey = xmlsec.xmlSecKeyDuplicate(key)
        XMLLibraries.lastErrors.withLock { $0.removeAll() }
        let status = xmlsec.xmlSecDSigCtxVerify(context, node)
        if status == 0, context.pointee.status == xmlSecDSigStatusSucceeded { return nil }
        if referencesFailed(context) {
            return "the digest of the signed content does not match: the message was changed after it was signed"
        }
        if status == 0 { return "the signature value does not verify with this key" }
        let errors = XMLLibraries.lastErrors.withLock { $0 }
        return "xmlsec1 refused it: \(errors.last ?? "unknown error")"
    }

    private static func referencesFailed(_ context: xmlSecDSigCtxPtr) -> Bool {
        withUnsafeMutablePointer(to: &context.pointee.signedInfoReferences) { list in
            (0..<xmlsec.xmlSecPtrListGetSize(list)).contains { position in
                let reference = xmlsec.xmlSecPtrListGetItem(list, position)?
                    .assumingMemoryBound(to: xmlSecDSigReferenceCtx.self)
                return reference?.pointee.status == xmlSecDSigStatusInvalid
            }
        }
    }

    /// The pinned key as xmlsec1 holds it, or nil if it cannot load it.
    private static func load(_ key: PinnedKey) -> xmlSecKeyPtr? {
        let format = key.kind == .certificate ? xmlSecKeyDataFormatCertPem : xmlSecKeyDataFormatPem
        let bytes = Array(key.pem.utf8)
        return bytes.withUnsafeBufferPointer { buffer in
            xmlsec.xmlSecOpenSSLAppKeyLoadMemory(buffer.baseAddress, UInt32(buffer.count), format, nil, nil, nil)
        }
    }

    /// Puts `node` back after `before`, or first in `parent` when `before` is nil.
    private static func insert(_ node: xmlNodePtr, after before: xmlNodePtr?, in parent: xmlNodePtr) {
        if let before {
            _ = libxml2.xmlAddNextSibling(before, node)
        } else if let first = parent.pointee.children {
            _ = libxml2.xmlAddPrevSibling(first, node)
        } else {
            _ = libxml2.xmlAddChild(parent, node)
        }
    }
}
