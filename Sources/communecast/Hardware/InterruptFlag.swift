import Dispatch
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Raised by Ctrl-C or SIGTERM, so `hw test` stops playing at the next period and still switches the amplifier off
/// before it exits, rather than leaving the loudspeakers powered, and `live` ends its stream cleanly.
final class InterruptFlag: @unchecked Sendable {
    private let raised = Atomic<Bool>(false)
    private var sources: [any DispatchSourceSignal] = []

    /// Starts catching SIGINT and SIGTERM; `onRaise` runs on a global queue at each signal.
    init(onRaise: (@Sendable () -> Void)? = nil) {
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [raised = self] in
                raised.raise()
                onRaise?()
            }
            source.resume()
            sources.append(source)
        }
    }

    /// Whether a signal has arrived.
    var isRaised: Bool { raised.load(ordering: .relaxed) }

    private func raise() { raised.store(true, ordering: .relaxed) }
}
