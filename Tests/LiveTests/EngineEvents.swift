import CommuneCastTesting
import Foundation
import Playout
import StreamInput
import Synchronization

/// Every event a playout engine reported, with the monotonic time it arrived, for the stream-in-the-engine tests.
final class EngineEvents: Sendable {
    private let events = Mutex<[(at: Double, event: PlayoutEvent)]>([])

    /// The sink to hand an engine.
    var sink: @Sendable (PlayoutEvent) -> Void {
        { [self] event in events.withLock { $0.append((EventLog.now(), event)) } }
    }

    /// The events so far.
    var all: [(at: Double, event: PlayoutEvent)] { events.withLock { $0 } }

    /// "kind:source" of the item events other than stream notes, in order.
    var summary: [String] {
        all.compactMap { entry in
            guard entry.event.kind != .stream, let item = entry.event.item else { return nil }
            return "\(entry.event.kind.rawValue):\(item.source)"
        }
    }

    /// The stream events reported for items.
    var streamEvents: [(at: Double, event: StreamEvent)] {
        all.compactMap { entry in entry.event.stream.map { (entry.at, $0) } }
    }

    /// The first event of `kind` for `source`, waiting for it up to `timeout` seconds.
    func wait(for kind: PlayoutEvent.Kind, source: String, timeout: Double = 60) -> (at: Double, event: PlayoutEvent)? {
        var found: (Double, PlayoutEvent)?
        _ = Poll.until(timeout: timeout, every: 0.01) {
            found = all.first { $0.event.kind == kind && $0.event.item.map { "\($0.source)" } == source }
            return found != nil
        }
        return found
    }

    /// The first switch of a stream to a source `matches` accepts, waiting for it up to `timeout` seconds.
    func waitForSwitch(to matches: (StreamSource) -> Bool, timeout: Double = 60)
        -> (at: Double, cause: StreamEvent.SwitchCause)? {
        var found: (Double, StreamEvent.SwitchCause)?
        _ = Poll.until(timeout: timeout, every: 0.01) {
            for (at, event) in streamEvents {
                if case let .switched(_, to, cause) = event.kind, matches(to) {
                    found = (at, cause)
                    return true
                }
            }
            return false
        }
        return found
    }
}
