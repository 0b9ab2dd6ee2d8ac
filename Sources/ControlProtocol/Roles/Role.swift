/// What a caller of the control interface may do, lowest to highest (DESIGN §5).
///
/// Each role includes everything the roles below it may do, so a method's requirement is one minimum role and
/// access is `peer.role >= required`. The Unix transport derives the role from the peer's user and groups;
/// the TLS transport will take it from the client certificate through an ACL file.
public enum Role: String, Sendable, Hashable, Codable, CaseIterable, Comparable, CustomStringConvertible {
    /// Reads health, media, alerts, schedules and the as-run log, and watches events.
    case monitor
    /// Also manages media and schedules, and plays media at normal or priority level.
    case `operator`
    /// Also pushes and cancels emergency alerts.
    case provincial
    /// Also sets the volume and configuration: everything.
    case admin

    /// The role's position in the order `monitor < operator < provincial < admin`.
    private var rank: Int {
        switch self {
        case .monitor: 0
        case .operator: 1
        case .provincial: 2
        case .admin: 3
        }
    }

    /// Whether `lhs` allows strictly less than `rhs`.
    public static func < (lhs: Role, rhs: Role) -> Bool {
        lhs.rank < rhs.rank
    }

    /// The role's name as written in configuration, logs and `docs/protocol.md`.
    public var description: String {
        rawValue
    }
}
