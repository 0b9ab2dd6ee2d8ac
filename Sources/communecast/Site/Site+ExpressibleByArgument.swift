import ArgumentParser
import ControlProtocol

// The protocol's closed lists, taken as option values (`--level`, `--on-preempt`, `--status`).
extension Site.PlayLevel: ExpressibleByArgument {}
extension Site.PreemptPolicy: ExpressibleByArgument {}
extension Site.AlertLevel: ExpressibleByArgument {}
extension Site.AlertStatus: ExpressibleByArgument {}
