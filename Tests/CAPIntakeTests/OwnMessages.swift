import CAPIntake
import CommuneCastTesting
import Foundation

/// CAP messages of our own, for the cases the samples do not cover, and a signer for them: an RSA key with a
/// self-signed certificate (the sender's, pinned in the policy) and an attacker's key, made by openssl, and
/// signatures made by xmlsec1's command-line tool from a template, as a sender's software would make them.
final class OwnMessages {
    /// Where the keys and signed files go.
    let directory: TemporaryDirectory
    /// The sender's certificate, pinned in ``policyText``.
    var certificate: String { directory.file("own.pem") }

    /// The sender the messages use.
    static let sender = "kttv@angiang.example"

    /// Makes the keys.
    init() throws {
        directory = try TemporaryDirectory(prefix: "cap-own")
        try ProcessRunner.checked("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout",
                                        directory.file("own.key"), "-out", certificate, "-subj",
                                        "/CN=kttv-an-giang", "-days", "30"])
        try ProcessRunner.checked("openssl", ["genrsa", "-out", directory.file("attacker.key"), "2048"])
    }

    deinit { directory.remove() }

    /// A policy pinning the sender's certificate (signature required), plus `extra` YAML.
    func policy(_ extra: String = "") throws -> CAPPolicy {
        try CAPFixtures.policy("""
            senders:
              - {sender: "\(Self.sender)", certificates: [own.pem]}
              - {sender: "unsigned@example", signature: optional}
            \(extra)
            """, in: directory)
    }

    /// `date` as CAP writes it, in Vietnam's offset.
    static func time(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 7 * 3_600)!
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02d+07:00", parts.year!, parts.month!, parts.day!,
                      parts.hour!, parts.minute!, parts.second!)
    }

    /// An info block in Vietnamese: extreme, immediate, observed flooding around An Phu, six hours long.
    static func info(sent: Date, language: String = "vi-VN", urgency: String = "Immediate",
                     severity: String = "Extreme", certainty: String = "Observed", extra: String = "",
                     area: String = polygonArea) -> String {
        """
          <info>
            <language>\(language)</language>
            <category>Met</category>
            <event>Lũ quét</event>
            <urgency>\(urgency)</urgency>
            <severity>\(severity)</severity>
            <certainty>\(certainty)</certainty>
            <expires>\(time(sent.addingTimeInterval(6 * 3_600)))</expires>
            <headline>Cảnh báo lũ quét tại An Phú</headline>
            <description>Nước sông Hậu dâng nhanh.</description>
            <instruction>Di chuyển lên vùng cao ngay.</instruction>
        \(extra)\(area)
          </info>
        """
    }

    /// An area around An Phu (10.75-10.90 N, 105.00-105.20 E).
    static let polygonArea = """
            <area>
              <areaDesc>An Phú</areaDesc>
              <polygon>10.75,105.00 10.90,105.00 10.90,105.20 10.75,105.20 10.75,105.00</polygon>
            </area>
        """

    /// A whole message; `body` goes after `scope` (references, infos).
    static func message(identifier: String = "kttv-1", sender: String = sender, sent: Date, status: String = "Actual",
                        type: String = "Alert", scope: String = "Public", body: String) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
          <identifier>\(identifier)</identifier>
          <sender>\(sender)</sender>
          <sent>\(time(sent))</sent>
          <status>\(status)</status>
          <msgType>\(type)</msgType>
          <scope>\(scope)</scope>
        \(body)
        </alert>
        """
    }

    /// The enveloped-signature transform.
    static let enveloped = "<Transform Algorithm=\"http://www.w3.org/2000/09/xmldsig#enveloped-signature\"/>"

    /// A transform that signs everything but `status` (the attack of issue 17).
    static let xpathWithoutStatus = """
        <Transform Algorithm="http://www.w3.org/TR/1999/REC-xpath-19991116">\
        <XPath xmlns:cap="urn:oasis:names:tc:emergency:cap:1.2">not(ancestor-or-self::cap:status)</XPath></Transform>
        """

    /// Signs `text` with xmlsec1: the signature goes last in `alert`, with `transforms` and `keyInfo`, by the
    /// sender's key, or the attacker's (`attacker: true`).
    func sign(_ text: String, transforms: String = enveloped, keyInfo: String = "<X509Data/>",
              attacker: Bool = false) throws -> String {
        let template = """
            <Signature xmlns="http://www.w3.org/2000/09/xmldsig#"><SignedInfo>\
            <CanonicalizationMethod Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/>\
            <SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"/>\
            <Reference URI=""><Transforms>\(transforms)</Transforms>\
            <DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/><DigestValue/></Reference>\
            </SignedInfo><SignatureValue/><KeyInfo>\(keyInfo)</KeyInfo></Signature></alert>
            """
        let unsigned = directory.file("unsigned-\(UUID().uuidString.prefix(6)).xml")
        let signed = unsigned.replacingOccurrences(of: "unsigned-", with: "signed-")
        try text.replacingOccurrences(of: "</alert>", with: template)
            .write(toFile: unsigned, atomically: true, encoding: .utf8)
        let key = attacker ? directory.file("attacker.key") : "\(directory.file("own.key")),\(certificate)"
        try ProcessRunner.checked("xmlsec1", ["--sign", "--privkey-pem", key, "--output", signed, unsigned])
        return try String(contentsOfFile: signed, encoding: .utf8)
    }

    /// Whether xmlsec1's own command line, trusting `certificate` (else whatever key the message carries),
    /// calls `text` valid: the naive verifier the attacks are aimed at.
    func xmlsecAccepts(_ text: String, certificate: String? = nil) throws -> Bool {
        let file = directory.file("check-\(UUID().uuidString.prefix(6)).xml")
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        let arguments = certificate.map { ["--pubkey-cert-pem", $0] } ?? []
        return try ProcessRunner.run("xmlsec1", ["--verify"] + arguments + [file]).status == 0
    }
}
