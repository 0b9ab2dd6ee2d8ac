import ArgumentParser

/// `communecast hw …`: checks of this machine's site hardware, for installers at the cabinet.
struct HardwareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hw",
        abstract: "Check this machine's sound card, mixer and amplifier relay against a hardware profile.",
        subcommands: [HardwareTestCommand.self]
    )
}
