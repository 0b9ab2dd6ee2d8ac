import ControlProtocol

/// Who is at the other end of a control connection, and what they may do.
///
/// The server works it out once, when the connection is accepted, and hands it to the handler with every call
/// so the audit log can say who did what.
public struct PeerIdentity: Sendable, Hashable, CustomStringConvertible {
    /// The Unix group whose members are admins.
    public static let adminGroup = "communecast-admin"
    /// The Unix group whose members are provincial officers.
    public static let provincialGroup = "communecast-provincial"
    /// The Unix group whose members are commune operators.
    public static let operatorGroup = "communecast-operator"
    /// The Unix group whose members may only read.
    public static let monitorGroup = "communecast"

    /// The transport and the credentials it vouches for.
    public var transport: Transport
    /// The peer's user name, if its uid has one.
    public var userName: String?
    /// The names of the peer's groups: its primary group, its supplementary groups and the socket's gid.
    public var groupNames: [String]
    /// What the peer may do; `nil` means every call is refused with `PermissionDenied`.
    public var role: Role?

    /// Creates an identity from parts already resolved; `PeerIdentity.unix(uid:gid:pid:)` resolves them.
    public init(transport: Transport, userName: String?, groupNames: [String], role: Role?) {
        self.transport = transport
        self.userName = userName
        self.groupNames = groupNames
        self.role = role
    }

    /// Resolves a local peer's user and groups from the account database, and its role from them.
    ///
    /// This consults NSS (`getpwuid_r`, `getgrouplist`), which may block on a directory service, so it must not
    /// run on an event loop.
    public static func unix(uid: UInt32, gid: UInt32, pid: Int32) -> PeerIdentity {
        let userName = UnixAccounts.userName(uid: uid)
        let groupNames = UnixAccounts.groupNames(user: userName, gid: gid)
        return PeerIdentity(
            transport: .unix(uid: uid, gid: gid, pid: pid),
            userName: userName,
            groupNames: groupNames,
            role: role(uid: uid, groupNames: groupNames)
        )
    }

    /// The role of a local user: root is admin; otherwise the highest role among the CommuneCast groups the user
    /// belongs to; `nil` when the user is in none of them (DESIGN §5).
    public static func role(uid: UInt32, groupNames: some Sequence<String>) -> Role? {
        if uid == 0 { return .admin }
        let granted: [String: Role] = [
            adminGroup: .admin, provincialGroup: .provincial, operatorGroup: .operator, monitorGroup: .monitor,
        ]
        return groupNames.compactMap { granted[$0] }.max()
    }

    /// How logs and the audit trail name the peer, such as `uid=1000(alice) pid=123 role=operator`.
    public var description: String {
        var text: String
        switch transport {
        case .unix(let uid, _, let pid):
            text = "uid=\(uid)"
            if let userName { text += "(\(userName))" }
            text += " pid=\(pid)"
        case .tls(let subject, let fingerprint):
            text = "tls subject=\(subject) sha256=\(fingerprint)"
        case .broker(let subject, let fingerprint):
            text = "mqtt signed subject=\(subject) sha256=\(fingerprint)"
        }
        return text + " role=" + (role?.rawValue ?? "none")
    }
}
