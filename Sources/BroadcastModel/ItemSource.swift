/// Who asked for an item to air: the one source type of the package.
///
/// The as-run log, the `Monitor` stream and the protocol carry it as text (`alert:ID`, `play:ID`,
/// `schedule:PROGRAMME`); code inside the daemon works with the cases, so nothing takes the text apart.
public enum ItemSource: Sendable, Hashable, CustomStringConvertible {
    /// An alert, by its id.
    case alert(id: String)
    /// A `Play` call, by the play id the caller was given.
    case play(id: String)
    /// A schedule programme, by its id.
    case schedule(programme: String)

    /// Reads the text form; `nil` for anything else.
    public init?(_ text: String) {
        guard let colon = text.firstIndex(of: ":") else { return nil }
        let value = String(text[text.index(after: colon)...])
        switch text[..<colon] {
        case "alert": self = .alert(id: value)
        case "play": self = .play(id: value)
        case "schedule": self = .schedule(programme: value)
        default: return nil
        }
    }

    /// The text form: `alert:ID`, `play:ID` or `schedule:PROGRAMME`.
    public var description: String {
        switch self {
        case .alert(let id): "alert:\(id)"
        case .play(let id): "play:\(id)"
        case .schedule(let programme): "schedule:\(programme)"
        }
    }

    /// The alert's id, for an alert.
    public var alertID: String? {
        if case .alert(let id) = self { id } else { nil }
    }

    /// The programme's id, for a scheduled item.
    public var programmeID: String? {
        if case .schedule(let programme) = self { programme } else { nil }
    }
}
