import ControlProtocol

extension AlertKey {
    /// The issuer of a local caller: `unix:` and its user name, or its uid when the account has no name.
    public static func unixIssuer(userName: String?, uid: UInt32) -> String {
        "unix:" + (userName ?? "uid=\(uid)")
    }

    /// The issuer of a TLS client: `tls:` and its certificate's subject, which stays the same when the certificate
    /// is renewed, as the ACL's CN entries do.
    public static func tlsIssuer(subject: String) -> String {
        "tls:" + subject
    }

    /// The issuer of a caller as the audit log names it (`uid=1000(alice) pid=12 role=operator`, or
    /// `tls subject=CN=… sha256=… role=provincial`), or nil for a form it does not know. Used once, to give the
    /// alerts pushed before alerts had issuers the issuer their audit entry names.
    static func issuer(auditIdentity identity: String) -> String? {
        if identity.hasPrefix("tls subject="), let end = identity.range(of: " sha256=", options: .backwards) {
            let subject = identity[identity.index(identity.startIndex, offsetBy: "tls subject=".count)..<end.lowerBound]
            return subject.isEmpty ? nil : tlsIssuer(subject: String(subject))
        }
        guard identity.hasPrefix("uid="), let end = identity.range(of: " pid=") else { return nil }
        let user = identity[identity.index(identity.startIndex, offsetBy: 4)..<end.lowerBound]
        let digits = user.prefix { $0.isASCII && $0.isNumber }
        guard let uid = UInt32(digits) else { return nil }
        let rest = user.dropFirst(digits.count)
        if rest.isEmpty { return unixIssuer(userName: nil, uid: uid) }
        guard rest.hasPrefix("("), rest.hasSuffix(")"), rest.count > 2 else { return nil }
        return unixIssuer(userName: String(rest.dropFirst().dropLast()), uid: uid)
    }

    /// The alert id in a PushAlert audit summary (`id=string("storm-9")` as the first release wrote it, or
    /// `id="storm-9"`), or nil.
    static func id(auditSummary summary: String) -> String? {
        for marker in [#"id=string(""#, #"id=""#] {
            var searchFrom = summary.startIndex
            while let found = summary.range(of: marker, range: searchFrom..<summary.endIndex) {
                searchFrom = found.upperBound
                guard found.lowerBound == summary.startIndex
                        || summary[summary.index(before: found.lowerBound)] == " " else { continue }
                var id = ""
                var escaped = false
                for character in summary[found.upperBound...] {
                    if escaped {
                        id.append(character)
                        escaped = false
                    } else if character == "\\" {
                        escaped = true
                    } else if character == "\"" {
                        return id.isEmpty ? nil : id
                    } else {
                        id.append(character)
                    }
                }
                return nil
            }
        }
        return nil
    }
}
