import CXMLSec

/// The XML-DSig algorithms a CAP signature may use (issue 17's allow-list): enveloped signatures over the whole
/// document (`URI=""`), canonicalised with C14N 1.0 or exclusive C14N (without comments), digested with SHA-1 or
/// SHA-2, and signed with RSA or ECDSA. XPath, XSLT, Base64, HMAC and everything else are refused before xmlsec1
/// runs, and xmlsec1 itself is told to allow only these.
enum SignatureAlgorithms {
    /// The enveloped-signature transform, required in every reference.
    static let enveloped = "http://www.w3.org/2000/09/xmldsig#enveloped-signature"

    /// Canonicalisation, as `CanonicalizationMethod` or as a reference transform.
    static let canonicalisations: [String: String] = [
        "http://www.w3.org/TR/2001/REC-xml-c14n-20010315": "C14N",
        "http://www.w3.org/2001/10/xml-exc-c14n#": "exclusive C14N",
    ]

    /// Digest methods.
    static let digests: [String: String] = [
        "http://www.w3.org/2000/09/xmldsig#sha1": "SHA-1",
        "http://www.w3.org/2001/04/xmlenc#sha256": "SHA-256",
        "http://www.w3.org/2001/04/xmldsig-more#sha384": "SHA-384",
        "http://www.w3.org/2001/04/xmlenc#sha512": "SHA-512",
    ]

    /// Signature methods.
    static let signatures: [String: String] = [
        "http://www.w3.org/2000/09/xmldsig#rsa-sha1": "RSA-SHA1",
        "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256": "RSA-SHA256",
        "http://www.w3.org/2001/04/xmldsig-more#rsa-sha384": "RSA-SHA384",
        "http://www.w3.org/2001/04/xmldsig-more#rsa-sha512": "RSA-SHA512",
        "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256": "ECDSA-SHA256",
        "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha384": "ECDSA-SHA384",
        "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha512": "ECDSA-SHA512",
    ]

    /// The same lists as xmlsec1 transform classes: what a reference may use.
    static var referenceTransforms: [xmlSecTransformId?] {
        [
            xmlsec.xmlSecTransformEnvelopedGetKlass(), xmlsec.xmlSecTransformInclC14NGetKlass(),
            xmlsec.xmlSecTransformExclC14NGetKlass(),
            xmlsec.xmlSecOpenSSLTransformSha1GetKlass(), xmlsec.xmlSecOpenSSLTransformSha256GetKlass(),
            xmlsec.xmlSecOpenSSLTransformSha384GetKlass(), xmlsec.xmlSecOpenSSLTransformSha512GetKlass(),
        ]
    }

    /// What `SignedInfo` may use.
    static var signatureTransforms: [xmlSecTransformId?] {
        [
            xmlsec.xmlSecTransformInclC14NGetKlass(), xmlsec.xmlSecTransformExclC14NGetKlass(),
            xmlsec.xmlSecOpenSSLTransformRsaSha1GetKlass(), xmlsec.xmlSecOpenSSLTransformRsaSha256GetKlass(),
            xmlsec.xmlSecOpenSSLTransformRsaSha384GetKlass(), xmlsec.xmlSecOpenSSLTransformRsaSha512GetKlass(),
            xmlsec.xmlSecOpenSSLTransformEcdsaSha256GetKlass(), xmlsec.xmlSecOpenSSLTransformEcdsaSha384GetKlass(),
            xmlsec.xmlSecOpenSSLTransformEcdsaSha512GetKlass(),
        ]
    }
}
