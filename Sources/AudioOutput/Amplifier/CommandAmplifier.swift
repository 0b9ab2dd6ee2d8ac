import Foundation
import Logging
import Synchronization

/// An amplifier whose power is switched by running a program: a smart plug's CLI, a USB relay tool, an I²C expander
/// script. The commands are argument lists run without a shell and with a time limit; a command that fails or hangs
/// leaves the reason in `fault` (and the log) and the state unchanged, so the engine tries again later.
public final class CommandAmplifier: Amplifier, Sendable {
    /// The programs to run and how long each may take.
    public struct Commands: Sendable, Equatable {
        /// Run to switch on, program first.
        public var on: [String]
        /// Run to switch off, program first.
        public var off: [String]
        /// Seconds a command may run before it is killed and counted as failed.
        public var timeoutSeconds: Double

        /// Describes the commands.
        public init(on: [String], off: [String], timeoutSeconds: Double = 10) {
            self.on = on
            self.off = off
            self.timeoutSeconds = timeoutSeconds
        }
    }

    /// The configured commands.
    public let commands: Commands
    private let logger: Logger
    /// Serialises switching; held while a command runs.
    private let switching = Mutex(())
    /// Whether the relay is on and the last fault, which health reads without waiting for a command to finish.
    private let state = Mutex(RelayState())

    /// Creates the amplifier. Nothing runs until the first switch: unlike a GPIO line there is no state to claim,
    /// and running `off` at start-up could fight an installer who switched the amplifier on by hand.
    public init(commands: Commands, logger: Logger) {
        self.commands = commands
        self.logger = logger
    }

    public var isOn: Bool { state.withLock { $0.on } }

    public var fault: String? { state.withLock { $0.lastFault } }

    public func switchOn() throws { try switching.withLock { _ throws(AmplifierError) in try run(on: true) } }

    public func switchOff() throws { try switching.withLock { _ throws(AmplifierError) in try run(on: false) } }

    private func run(on active: Bool) throws(AmplifierError) {
        let key = active ? "on_command" : "off_command"
        let command = active ? commands.on : commands.off
        let output: String
        do {
            output = try BoundedCommand.run(command, timeout: commands.timeoutSeconds)
        } catch {
            let failure = AmplifierError.commandFailed(key: key, command: command, reason: error.reason)
            state.withLock { $0.lastFault = failure.description }
            logger.error("amplifier relay cannot be switched", metadata: ["error": "\(failure)"])
            throw failure
        }
        state.withLock { $0 = RelayState(on: active, lastFault: nil) }
        var metadata: Logger.Metadata = ["relay": "command"]
        if !output.isEmpty { metadata["output"] = "\(output)" }
        logger.info("amplifier \(active ? "on" : "off")", metadata: metadata)
    }
}
