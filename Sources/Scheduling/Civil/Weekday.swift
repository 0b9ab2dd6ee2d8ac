/// A day of the week, written `mon`…`sun` in schedule files and `MO`…`SU` in RRULEs.
public enum Weekday: String, CaseIterable, Codable, Comparable, Hashable, Sendable {
    /// Monday, the first day of an ISO week and the RFC 5545 default WKST.
    case monday = "mon"
    /// Tuesday.
    case tuesday = "tue"
    /// Wednesday.
    case wednesday = "wed"
    /// Thursday.
    case thursday = "thu"
    /// Friday.
    case friday = "fri"
    /// Saturday.
    case saturday = "sat"
    /// Sunday.
    case sunday = "sun"

    /// Position in the ISO week, 0 for Monday through 6 for Sunday.
    public var isoIndex: Int {
        switch self {
        case .monday: 0
        case .tuesday: 1
        case .wednesday: 2
        case .thursday: 3
        case .friday: 4
        case .saturday: 5
        case .sunday: 6
        }
    }

    /// The two-letter code RFC 5545 uses in BYDAY and WKST.
    public var rfcCode: String {
        switch self {
        case .monday: "MO"
        case .tuesday: "TU"
        case .wednesday: "WE"
        case .thursday: "TH"
        case .friday: "FR"
        case .saturday: "SA"
        case .sunday: "SU"
        }
    }

    /// The weekday for an ISO index (0 = Monday); indexes wrap modulo 7.
    public init(isoIndex: Int) {
        let wrapped = ((isoIndex % 7) + 7) % 7
        self = Weekday.allCases[wrapped]
    }

    /// Parses an RFC 5545 two-letter weekday code such as `FR`; returns nil for anything else.
    public init?(rfcCode: String) {
        guard let match = Weekday.allCases.first(where: { $0.rfcCode == rfcCode }) else { return nil }
        self = match
    }

    /// Orders weekdays from Monday to Sunday.
    public static func < (lhs: Weekday, rhs: Weekday) -> Bool {
        lhs.isoIndex < rhs.isoIndex
    }
}
