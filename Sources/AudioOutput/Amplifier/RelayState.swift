/// What an amplifier relay last did, kept apart from the switching itself so health can read it at once.
struct RelayState: Sendable {
    /// Whether the relay was last driven on.
    var on = false
    /// Why the last switch failed, until one succeeds.
    var lastFault: String?
}
