import CLibXML2

/// What one `ds:Signature` is made of, checked against the allow-list before xmlsec1 sees it: one `SignedInfo` with
/// an allowed canonicalisation and signature method and exactly one `Reference URI=""` whose transforms are the
/// enveloped-signature transform and canonicalisations only; then `SignatureValue`, an optional `KeyInfo` (never
/// read) and `Object`s. Canada's NAAD adds an `Object` in no namespace, outside what is signed: it is noted so the
/// verifier can take it out, which xmlsec1 needs and which changes nothing signed.
struct SignatureShape {
    /// The signature method's name (`RSA-SHA256`).
    var method: String
    /// The digest's name (`SHA-1`).
    var digest: String
    /// `Object` elements in no namespace, to take out before verifying.
    var looseObjects: [xmlNodePtr]

    /// Checks `signature` (at `path`), or refuses it naming the element at fault.
    init(_ signature: XMLElementView, path: String) throws(CAPRefusal) {
        let namespace = ElementReader.signatureNamespace
        let children = signature.children
        let names = children.map { $0.namespace == namespace ? $0.name : "(no namespace) \($0.name)" }
        looseObjects = children.filter { $0.namespace == nil && $0.name == "Object" }.map(\.pointer)
        let signed = children.filter { $0.namespace == namespace }
        guard signed.count >= 2, signed[0].name == "SignedInfo", signed[1].name == "SignatureValue" else {
            throw CAPRefusal(path, line: signature.line, "holds \(names.joined(separator: ", ")); XML-DSig needs "
                                 + "SignedInfo, then SignatureValue")
        }
        for child in signed.dropFirst(2) where !(child.name == "KeyInfo" || child.name == "Object") {
            throw CAPRefusal("\(path)/\(child.name)", line: child.line, "is not allowed in a CAP signature")
        }
        if let stranger = children.first(where: { $0.namespace != namespace && !($0.namespace == nil
                                                                                  && $0.name == "Object") }) {
            throw CAPRefusal("\(path)/\(stranger.name)", line: stranger.line,
                             "is in the namespace '\(stranger.namespace ?? "(none)")'; not allowed in a signature")
        }
        let algorithms = try Self.signedInfo(signed[0], path: "\(path)/SignedInfo")
        method = algorithms.method
        digest = algorithms.digest
    }

    private static func signedInfo(_ info: XMLElementView, path: String) throws(CAPRefusal)
        -> (method: String, digest: String) {
        let parts = info.children
        guard parts.count == 3, parts.map(\.name) == ["CanonicalizationMethod", "SignatureMethod", "Reference"],
              parts.allSatisfy({ $0.namespace == ElementReader.signatureNamespace }) else {
            throw CAPRefusal(path, line: info.line, "holds \(parts.map(\.name).joined(separator: ", ")); a CAP "
                                 + "signature has CanonicalizationMethod, SignatureMethod and exactly one Reference")
        }
        let canonicalisation = parts[0].attribute("Algorithm") ?? ""
        guard SignatureAlgorithms.canonicalisations[canonicalisation] != nil, parts[0].children.isEmpty else {
            throw CAPRefusal("\(path)/CanonicalizationMethod", line: parts[0].line,
                             "'\(canonicalisation)' is not allowed; use C14N or exclusive C14N without comments")
        }
        let methodURI = parts[1].attribute("Algorithm") ?? ""
        guard let method = SignatureAlgorithms.signatures[methodURI] else {
            throw CAPRefusal("\(path)/SignatureMethod", line: parts[1].line,
                             "'\(methodURI)' is not allowed; use RSA or ECDSA with SHA-1 or SHA-2")
        }
        return (method, try reference(parts[2], path: "\(path)/Reference"))
    }

    private static func reference(_ reference: XMLElementView, path: String) throws(CAPRefusal) -> String {
        guard reference.attributes.contains(where: { $0.namespace == nil && $0.name == "URI" }),
              reference.attribute("URI") == "" else {
            throw CAPRefusal(path, line: reference.line, "has URI '\(reference.attribute("URI") ?? "(none)")'; a "
                                 + "CAP signature covers the whole message: URI=\"\" only")
        }
        let parts = reference.children
        guard parts.map(\.name) == ["Transforms", "DigestMethod", "DigestValue"] else {
            throw CAPRefusal(path, line: reference.line, "holds \(parts.map(\.name).joined(separator: ", ")); "
                                 + "expected Transforms, DigestMethod, DigestValue")
        }
        var enveloped = false
        for transform in parts[0].children {
            let algorithm = transform.attribute("Algorithm") ?? ""
            guard transform.name == "Transform",
                  algorithm == SignatureAlgorithms.enveloped
                    || SignatureAlgorithms.canonicalisations[algorithm] != nil else {
                throw CAPRefusal("\(path)/Transforms/\(transform.name)", line: transform.line,
                                 "'\(algorithm)' is not allowed; only the enveloped-signature transform and C14N "
                                     + "or exclusive C14N (an XPath or XSLT transform could leave elements unsigned)")
            }
            if let inner = transform.children.first(where: { $0.name != "InclusiveNamespaces" }) {
                throw CAPRefusal("\(path)/Transforms/Transform/\(inner.name)", line: inner.line,
                                 "is not allowed in a transform")
            }
            enveloped = enveloped || algorithm == SignatureAlgorithms.enveloped
        }
        guard enveloped else {
            throw CAPRefusal("\(path)/Transforms", line: parts[0].line, "lacks the enveloped-signature transform")
        }
        let digestURI = parts[1].attribute("Algorithm") ?? ""
        guard let digest = SignatureAlgorithms.digests[digestURI] else {
            throw CAPRefusal("\(path)/DigestMethod", line: parts[1].line,
                             "'\(digestURI)' is not allowed; use SHA-1 or SHA-2")
        }
        return digest
    }
}
