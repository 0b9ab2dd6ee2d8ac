import AudioOutput
import Logging
import Synchronization

/// The amplifier of a site with no relay (`type: none`): it records the state health reports and logs every switch,
/// so an installer can see in the journal that the engine asks for the amplifier at the right moments.
final class LoggingAmplifier: Amplifier {
    private let logger: Logger
    private let kind: HardwareProfile.AmplifierKind
    private let state = Atomic<Bool>(false)

    init(kind: HardwareProfile.AmplifierKind, logger: Logger) {
        self.kind = kind
        self.logger = logger
    }

    var isOn: Bool { state.load(ordering: .relaxed) }

    func switchOn() throws {
        state.store(true, ordering: .relaxed)
        logger.info("amplifier on", metadata: ["relay": "\(kind.rawValue)"])
    }

    func switchOff() throws {
        state.store(false, ordering: .relaxed)
        logger.info("amplifier off", metadata: ["relay": "\(kind.rawValue)"])
    }
}
