/// Where the uplink's thread hands its events, in order: to ``UplinkClient/events`` for a consumer task (the site's
/// daemon), or to a function called on the uplink's thread itself (the office's ``UplinkClient`` users), which keeps
/// recording deliveries while every thread of the cooperative pool is busy.
struct UplinkEventSink: Sendable {
    /// Hands over one event.
    let yield: @Sendable (UplinkEvent) -> Void
    /// Called once, after ``UplinkEvent/stopped``.
    let finish: @Sendable () -> Void
}
