import ArgumentParser
import BroadcastModel
import ControlProtocol
import Fleet
import Foundation
import Speech

/// `communecast alert push`: puts an alert on air. Pushing the same id again is harmless: it airs once.
struct AlertPushCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "push",
        abstract: "Push an alert: an audio FILE (encoded here and uploaded first), stored --media, --text the site "
            + "speaks, or a live --stream.",
        discussion: """
            Emergency alerts cut in at once over everything else (provincial role); priority alerts wait for the \
            current item to end. Re-pushing the same --id from the same certificate or user is idempotent (the \
            same id from someone else is another alert, and a higher --level replaces yours), and a cancelled id \
            stays cancelled; --expires may be at most a year ahead. An \
            alert's expiry is fixed when it is first issued: re-pushed with --id and a lifetime such as 6h to many \
            sites, the alert keeps the expiry that the selected sites which already have it were given, so sites \
            that missed the first push do not air it for longer.
            Examples:
              communecast alert push bao-so-9.wav --id bao-so-9-2026-11-23 --expires 6h \\
                  --repeat 3 --interval 10m
              communecast alert push --media lu-lut --level priority --status exercise
              communecast alert push --repeat 3 \\
                  --text "Bão số 9 giật cấp 14, đề nghị bà con không ra khơi."
            With --text or --text-file the site speaks the words itself (espeak-ng, the same normalisation as \
            media speak) before it acknowledges the push, so a bulletin is a kilobyte on the wire rather than an \
            upload; words it cannot speak are refused with the reason. --abbreviations does not apply: the site \
            reads its own /etc/communecast/abbreviations.yaml.
            With --stream URL (repeatable: alternatives) and --duration the sites relay a live Icecast mount for \
            that long, after the attention tone, with the alert's level, repeats, expiry and cancel; an actual \
            emergency stream is a live emergency broadcast and must be signed and approved by two people \
            (alert draft --stream, approve, send); exercises and tests may be pushed:
              communecast alert push --stream http://tinh.example:8000/khan.opus \\
                  --duration 10m --status exercise
            """
    )

    @Argument(help: "An audio file to upload and air: any format media encode reads (MP3, M4A, AMR, WAV, Ogg Opus…).")
    var file: String?

    @Option(help: "Stored media name or SHA-256 instead of a FILE.")
    var media: String?

    @Option(help: "Alert id chosen by the sender; the same id is never aired twice (default: a new UUID).")
    var id: String?

    @Option(help: "emergency (default) or priority.")
    var level: Site.AlertLevel = .emergency

    @Option(help: "actual (default), exercise or test.")
    var status: BroadcastStatus = .actual

    @Option(help: "Lifetime, e.g. 90m, 6h, 1d (as --interval), or an RFC 3339 time; nothing airs after it.")
    var expires: String?

    @Option(name: .customLong("repeat"), help: "How many times to air it (1-100).")
    var repeatCount: Int = 1

    @Option(help: ArgumentHelp("Time between airings: \(TimeSpan.accepted); at most 1d.", valueName: "duration"),
            transform: { try TimeSpan.parse($0) })
    var interval = TimeSpan(seconds: 0)

    @OptionGroup(title: "A live stream instead of media") var live: StreamAlertOptions

    @OptionGroup(title: "Text for the site to speak") var speech: TextInputOptions

    @Flag(name: .customLong("no-tone"), help: "Do not play the attention signal first.")
    var noTone = false

    @OptionGroup var connection: ConnectionOptions

    @OptionGroup(title: "Many sites") var fleet: FleetOptions

    @Flag(help: "Print the alert as JSON.")
    var json = false

    func validate() throws {
        guard [file != nil, media != nil, speech.isActive, live.isActive].filter({ $0 }).count == 1 else {
            throw ValidationError("give one of a FILE, --media, --text/--text-file, or --stream")
        }
        try live.check(noTone: noTone)
        guard speech.abbreviationFiles.isEmpty else {
            throw ValidationError("--abbreviations is for media speak; the site reads its own abbreviations table")
        }
        guard (1...100).contains(repeatCount) else { throw ValidationError("--repeat must be 1 to 100") }
        guard interval.seconds <= 86_400 else {
            throw ValidationError("--interval must be at most 1d (86400 seconds)")
        }
        if let expires { _ = try Self.expiry(expires, now: Date()) }
    }

    /// Turns a duration ("90m", "6h", "1d", "45s", as ``TimeSpan`` reads them) or an RFC 3339 time into an RFC 3339
    /// expiry.
    static func expiry(_ text: String, now: Date) throws -> String {
        if let span = TimeSpan(text) {
            guard span.seconds > 0 else {
                throw ValidationError("--expires must be more than 0: nothing would air; got '\(text)'")
            }
            let style = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
            return style.format(now.addingTimeInterval(span.seconds))
        }
        if RFC3339.parse(text) != nil { return text }
        throw ValidationError("--expires must be a duration (\(TimeSpan.accepted)) or an RFC 3339 time; got '\(text)'")
    }

    func run() async throws {
        if fleet.isActive { return try await fanOut() }
        var mediaName = media
        if let file {
            let uploaded = try await MediaUploadCommand.upload(file: file, name: nil, contentNamed: true,
                                                               connection: connection)
            mediaName = uploaded.media.sha256
        }
        var parameters = try parameters(media: mediaName)
        try addText(to: &parameters)
        let reply = try await connection.withClient { try await $0.call(Site.PushAlert.self, parameters) }
        if json { return try Terminal.printJSON(reply) }
        let alert = reply.alert
        print("\(reply.duplicate ? "already received" : "pushed") alert \(alert.id): \(alert.level.rawValue), "
              + "\(alert.status.rawValue), \(alert.state.rawValue), "
              + (alert.repeat == 1 ? "once" : "\(alert.repeat)× every \(alert.intervalS) s")
              + (alert.expires.map { ", expires \($0)" } ?? ""))
    }

    /// The push, with one id for every site so each airs it once however often it is pushed.
    private func parameters(media: String?, id: String? = nil) throws -> Site.PushAlert.Parameters {
        Site.PushAlert.Parameters(
            id: id ?? self.id ?? UUID().uuidString.lowercased(), media: media, tone: !noTone, level: level,
            status: status, expires: try expires.map { try Self.expiry($0, now: Date()) }, repeat: repeatCount,
            intervalS: Int(interval.seconds.rounded()), stream: live.urls, durationS: live.seconds
        )
    }

    /// Puts the words of --text or --text-file, with the voice and rate, into the push; the site speaks them.
    private func addText(to parameters: inout Site.PushAlert.Parameters) throws {
        guard speech.isActive else { return }
        let words: String
        do {
            words = try speech.read().text
        } catch let error as SpeechError {
            throw CLIError("\(error)")
        }
        parameters.text = words
        parameters.voice = speech.voice
        parameters.rate = speech.rate
    }

    /// Alert `id` as the selected sites that already have it hold it, the one that expires soonest should they
    /// differ; nil when none of them has it.
    private func firstIssue(of id: String) async throws -> Site.Alert? {
        let results = try await FanOutReport.results("alert push: looking up \(id)", fleet: fleet,
                                                     connection: connection) { client, _ in
            try await client.call(Site.ListAlerts.self, .init()).alerts.first { $0.id == id }
        }
        return results.compactMap { $0.value ?? nil }.min { Self.sooner($0.expires, $1.expires) }
    }

    /// Whether expiry `first` comes before `second`; no expiry comes last.
    static func sooner(_ first: String?, _ second: String?) -> Bool {
        guard let first = first.flatMap(RFC3339.parse) else { return false }
        guard let second = second.flatMap(RFC3339.parse) else { return true }
        return first < second
    }

    /// Uploads FILE (read once) to each selected site and pushes the same alert there.
    private func fanOut() async throws {
        // Encoded once: every site is sent the same bytes.
        let upload = try file.map { file in
            try PreparedCall(Site.UploadMedia.self,
                             MediaUploadCommand.parameters(file: file, name: nil, contentNamed: true))
        }
        var call = try parameters(media: media)
        try addText(to: &call)
        if let id, let expires, RFC3339.parse(expires) == nil, let first = try await firstIssue(of: id) {
            call.expires = first.expires
            Terminal.standardError("alert \(id) was first issued with "
                                   + (first.expires.map { "expiry \($0)" } ?? "no expiry") + "; keeping it")
        }
        let push = call
        let detail: (Site.PushAlert.Reply) -> String = {
            "\($0.duplicate ? "already received" : "pushed"), \($0.alert.state.rawValue)"
                + ($0.alert.expires.map { ", expires \($0)" } ?? "")
        }
        try await FanOutReport.run("alert push", fleet: fleet, connection: connection, json: json, detail: detail) {
            client, _ in
            var parameters = push
            if let upload { parameters.media = try await client.call(upload).media.sha256 }
            return try await client.call(Site.PushAlert.self, parameters)
        }
    }
}
