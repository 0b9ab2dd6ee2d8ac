import ArgumentParser
import AudioCodec
import Foundation
import Speech

/// `communecast media speak`: text to a broadcast-ready Ogg Opus announcement, offline.
struct MediaSpeakCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "speak",
        abstract: "Speak Vietnamese text into a loudness-normalised Ogg Opus announcement (espeak-ng, offline).",
        discussion: """
            The text is first rewritten into the words a broadcaster says: times (14h30, 5:30), dates (15/9, \
            15/9/2026, ngày 2-9), numbers (1.250, 2,5, 5-10, thứ 2), units (mm, km/h, °C, %, ha), warning levels \
            (cấp 12, giật cấp 14, báo động II) and abbreviations (UBND, HĐND, BCH PCTT...). espeak-ng then speaks \
            it and the result goes through the same pipeline as `media encode`: 48 kHz, -16 LUFS, true peak at or \
            below -1 dBTP, Opus 24 kb/s, written atomically. Text that is empty, longer than 10,000 characters or \
            in a script other than Latin (quốc ngữ) is refused.
            """
    )

    @OptionGroup(title: "Text") var input: TextInputOptions

    @Argument(help: "Where to write the Ogg Opus result.")
    var output: String

    @Flag(help: "Replace OUTPUT if it exists.")
    var force = false

    @Flag(help: "Print the report, with the words spoken, as one JSON object.")
    var json = false

    func validate() throws {
        guard input.isActive else { throw ValidationError("give the words with --text or --text-file") }
    }

    func run() throws {
        if !force && FileManager.default.fileExists(atPath: output) { throw MediaError.outputExists(path: output) }
        let (text, source) = try input.read()
        var options = EncodeOptions()
        options.replaceExisting = force
        Terminal.progress("speaking…")
        let report = try SpeechEncoder.encode(
            text: text, source: source, settings: input.settings, output: output,
            abbreviations: try input.abbreviations(), options: options
        )
        Terminal.endProgress()
        if json { return try Terminal.printJSON(report) }
        let encoding = report.encoding
        print("spoken:   \(report.spokenText)")
        print("voice:    \(report.voice) at \(report.rate) words/min, "
              + String(format: "synthesis %.2f s, encoding %.2f s", report.synthesisSeconds, report.encodeSeconds))
        print("after:    \(Terminal.level(encoding.loudnessAfterLUFS, unit: "LUFS")), true peak "
              + Terminal.level(encoding.truePeakAfterDBTP, unit: "dBTP"))
        print("output:   \(output): \(Terminal.clock(encoding.durationSeconds)), \(Terminal.bytes(encoding.outputBytes)), "
              + "sha256 \(encoding.outputSHA256)")
    }
}
