/// What a message does to the alerts a site holds, as CAP's `msgType`: a new alert, a replacement of earlier ones,
/// or their withdrawal. Updates and cancels name the messages they act on in `references`.
public enum AlertMessageType: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// A new alert.
    case alert
    /// Replaces the referenced alerts with this one.
    case update
    /// Withdraws the referenced alerts; it may carry a correction to air ("báo động nhầm").
    case cancel

    /// The value as written in the payload.
    public var description: String { rawValue }
}
