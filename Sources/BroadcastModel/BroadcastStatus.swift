/// Whether an alert is real or a drill (CAP's status): the one status type of the package. DESIGN §4: `test` and
/// `exercise` are never confused with `actual`; they are logged as such.
public enum BroadcastStatus: String, Sendable, Hashable, Codable, CaseIterable {
    /// A real alert for the public.
    case actual
    /// A planned drill that the public may hear.
    case exercise
    /// A technical test of the chain, not meant for the public.
    case test
}
