/// What happens to an item that something more urgent interrupts (DESIGN §3): the one policy type of the package.
public enum PreemptPolicy: String, Sendable, Hashable, Codable, CaseIterable {
    /// Continue from where it stopped, if its window has not passed.
    case resume
    /// Play it again from the start.
    case restart
    /// Give it up and log it as preempted.
    case drop
}
