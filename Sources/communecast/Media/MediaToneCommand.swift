import ArgumentParser
import AudioCodec

extension ToneKind: ExpressibleByArgument {}

/// `communecast media tone`: writes the generated alert attention signal or chime as Ogg Opus.
struct MediaToneCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tone",
        abstract: "Write the alert attention signal (853 + 960 Hz) or a gentle chime as Ogg Opus.",
        discussion: "The attention signal is reserved for alerts; the chime suits ordinary announcements."
    )

    @Option(help: "Which tone: attention or chime.")
    var kind: ToneKind

    @Option(help: "Length in seconds (default 8 for attention, 2.5 for chime; at most 120).")
    var seconds: Double?

    @Argument(help: "Where to write the Ogg Opus file.")
    var output: String

    @Flag(help: "Replace OUTPUT if it exists.")
    var force = false

    @Flag(help: "Print the report as one JSON object.")
    var json = false

    func validate() throws {
        if let seconds, !(seconds > 0 && seconds <= 120) {
            throw ValidationError("--seconds must be more than 0 and at most 120, got \(seconds)")
        }
    }

    func run() throws {
        var options = EncodeOptions()
        options.replaceExisting = force
        let report = try MediaEncoder.writeTone(
            kind, seconds: seconds ?? kind.defaultSeconds, output: output, options: options
        )
        if json { return try Terminal.printJSON(report) }
        print("wrote \(output): \(kind.rawValue) tone, \(Terminal.clock(report.durationSeconds)), "
              + "\(Terminal.level(report.loudnessAfterLUFS, unit: "LUFS")), \(Terminal.bytes(report.outputBytes))")
    }
}
