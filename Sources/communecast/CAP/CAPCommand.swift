import ArgumentParser

/// `communecast cap …`: CAP 1.2 warnings from a national or provincial warning system, checked and turned into
/// signed alert drafts in the province's office (issue 17). The site never parses XML.
struct CAPCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cap",
        abstract: "Check CAP 1.2 messages, draft signed alerts from them, and watch a directory or feed (docs/cap.md).",
        subcommands: [CAPCheckCommand.self, CAPDraftCommand.self, CAPWatchCommand.self]
    )
}
