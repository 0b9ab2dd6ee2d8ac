import GRDB

/// Whether an alert is real or a drill. DESIGN §4: `test` and `exercise` are never confused with `actual`; they are
/// logged as such and may be restricted to designated sites.
public enum AlertStatus: String, Codable, Sendable, CaseIterable, DatabaseValueConvertible {
    /// A real alert for the public.
    case actual
    /// A planned drill that the public may hear.
    case exercise
    /// A technical test of the chain, not meant for the public.
    case test
}
