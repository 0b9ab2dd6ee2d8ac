import ControlServer

extension PeerIdentity {
    /// Who made a call, in a few words for the as-run log: `nguyen (operator)`, `uid 1000 (admin)`,
    /// `CN=so-tt-an-giang (provincial)`. The audit log keeps the full identity.
    var who: String {
        let name: String
        switch transport {
        case .unix(let uid, _, _):
            name = userName ?? "uid \(uid)"
        case .tls(let subject, _), .broker(let subject, _):
            name = subject
        }
        return "\(name) (\(role?.rawValue ?? "no role"))"
    }
}
