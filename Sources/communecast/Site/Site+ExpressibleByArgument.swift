import ArgumentParser
import BroadcastModel
import ControlProtocol

// The protocol's closed lists, taken as option values (`--level`, `--on-preempt`, `--status`).
extension Site.PlayLevel: ExpressibleByArgument {}
extension PreemptPolicy: ExpressibleByArgument {}
extension Site.AlertLevel: ExpressibleByArgument {}
extension BroadcastStatus: ExpressibleByArgument {}
extension BroadcastLevel: ExpressibleByArgument {}
