import ControlProtocol
import ControlServer
import Foundation
import YAMLSupport

/// Who may do what over TLS (DESIGN §5): client certificates, named by subject CN or by SHA-256 fingerprint, each
/// with a role. Anything not listed gets no role, so every call it makes is refused with `PermissionDenied`.
///
/// ```yaml
/// clients:
///   - {cn: "so-tt-an-giang", role: provincial}
///   - {sha256: "AB:CD:…", role: monitor}
/// revoked:
///   - "12:34:…"
/// ```
///
/// A fingerprint names one certificate; a CN names every certificate the client CA issues with that CN. A
/// fingerprint entry therefore wins over a CN entry, and a fingerprint under `revoked` is refused even when its CN
/// is listed: that is how one lost certificate is shut out while its holder's new one (same CN) keeps working.
public struct ClientACL: Sendable, Equatable {
    /// Roles by uppercase colon-separated fingerprint.
    public var fingerprints: [String: Role] = [:]
    /// Roles by exact subject CN.
    public var commonNames: [String: Role] = [:]
    /// Fingerprints refused whatever else matches.
    public var revoked: Set<String> = []

    /// An ACL that admits nobody.
    public init() {}

    /// The role for a verified client certificate, or `nil` when the ACL does not admit it.
    public func role(for client: ClientCertificate) -> Role? {
        if revoked.contains(client.fingerprint) { return nil }
        if let role = fingerprints[client.fingerprint] { return role }
        return client.commonName.flatMap { commonNames[$0] }
    }

    /// Reads and validates an ACL file, reporting every problem with its line at once.
    public static func load(path: String) throws -> ClientACL {
        try parse(try YAMLFile.read(path: path), file: path)
    }

    /// Validates ACL text; `file` names it in messages.
    public static func parse(_ text: String, file: String) throws -> ClientACL {
        let collector = YAMLCollector()
        let root = YAMLMap.parse(text, file: file, collector: collector)
        var acl = ClientACL()
        var firstLines: [String: Int?] = [:]
        for client in root.maps("clients") {
            acl.add(client, firstLines: &firstLines)
            client.finish()
        }
        for text in root.strings("revoked") {
            guard let fingerprint = normalisedFingerprint(text) else {
                root.report("revoked", "'\(text)' is not a SHA-256 fingerprint; \(fingerprintHint)",
                            at: root.node("revoked"))
                continue
            }
            acl.revoked.insert(fingerprint)
        }
        root.finish()
        try collector.throwIfAny()
        return acl
    }

    /// What a fingerprint looks like, for messages.
    static let fingerprintHint = "write 32 bytes in hex as AB:CD:…, as `openssl x509 -noout -fingerprint -sha256 "
        + "-in CERT` prints them"

    /// `AB:CD:…` from a fingerprint written with or without colons, in either case, optionally after
    /// `sha256 Fingerprint=` as OpenSSL prints it; `nil` if it is not 32 bytes of hex.
    public static func normalisedFingerprint(_ text: String) -> String? {
        var hex = text.trimmingCharacters(in: .whitespaces)
        if let equals = hex.lastIndex(of: "=") { hex = String(hex[hex.index(after: equals)...]) }
        hex = hex.replacingOccurrences(of: ":", with: "").uppercased()
        guard hex.count == 64, hex.allSatisfy(\.isHexDigit) else { return nil }
        var pairs: [String] = []
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2)
            pairs.append(String(hex[index..<next]))
            index = next
        }
        return pairs.joined(separator: ":")
    }

    /// Adds one `clients` entry, reporting what is wrong with it.
    private mutating func add(_ client: YAMLMap, firstLines: inout [String: Int?]) {
        let commonName = client.string("cn")
        let fingerprintText = client.string("sha256")
        let roleText = client.string("role")
        let roles = Role.allCases.map(\.rawValue).joined(separator: ", ")
        guard let roleText else {
            client.report("role", "missing; give one of \(roles)")
            return
        }
        guard let role = Role(rawValue: roleText) else {
            client.report("role", "'\(roleText)' is not one of \(roles)", at: client.node("role"))
            return
        }
        switch (commonName, fingerprintText) {
        case (nil, nil):
            client.report("cn", "each client needs a cn (the certificate's subject CN) or a sha256 fingerprint")
        case (_?, _?):
            client.report("sha256", "give either cn or sha256, not both: use two entries to list both")
        case (let commonName?, nil):
            guard !commonName.isEmpty else {
                client.report("cn", "is empty", at: client.node("cn"))
                return
            }
            guard checkUnique("cn \(commonName)", client: client, key: "cn", firstLines: &firstLines) else { return }
            commonNames[commonName] = role
        case (nil, let text?):
            guard let fingerprint = Self.normalisedFingerprint(text) else {
                client.report("sha256", "'\(text)' is not a SHA-256 fingerprint; \(Self.fingerprintHint)",
                              at: client.node("sha256"))
                return
            }
            guard checkUnique("sha256 \(fingerprint)", client: client, key: "sha256", firstLines: &firstLines)
            else { return }
            fingerprints[fingerprint] = role
        }
    }

    /// Reports a client listed twice, which would leave its role to whichever entry came last.
    private func checkUnique(
        _ identity: String, client: YAMLMap, key: String, firstLines: inout [String: Int?]
    ) -> Bool {
        let line = client.line(of: key)
        if let first = firstLines[identity] {
            client.report(key, "this client is already listed\(first.map { " at line \($0)" } ?? ""); "
                          + "keep one entry with the role it should have", at: client.node(key))
            return false
        }
        firstLines[identity] = line
        return true
    }
}
