import AlertTrust
import ArgumentParser

/// `--stream` and `--duration` of `alert push` and `alert draft` (issue 18): an alert that relays a live Icecast
/// mount instead of media.
struct StreamAlertOptions: ParsableArguments {
    @Option(help: ArgumentHelp("An http:// or https:// Ogg Opus mount to relay instead of media (a live broadcast); "
                               + "repeat for alternatives.", valueName: "url"))
    var stream: [String] = []

    @Option(help: ArgumentHelp("How long to relay --stream: \(TimeSpan.accepted); at most 1d.", valueName: "duration"),
            transform: TimeSpan.parse)
    var duration: TimeSpan?

    /// Whether a stream was given.
    var isActive: Bool { !stream.isEmpty }

    /// The URLs for the alert, nil without a stream.
    var urls: [String]? { stream.isEmpty ? nil : stream }

    /// The duration in whole seconds, nil without one.
    var seconds: Int? { duration.map { Int($0.seconds.rounded()) } }

    /// A duration of 1 s to 1 d exactly when there is a stream, URLs with a scheme and host, and the attention tone
    /// kept (`noTone` is the command's --no-tone).
    func check(noTone: Bool) throws {
        guard isActive else {
            guard duration == nil else { throw ValidationError("--duration goes with --stream") }
            return
        }
        guard let duration, (1...86_400).contains(duration.seconds) else {
            throw ValidationError("--stream needs --duration of 1s to 1d")
        }
        if let bad = stream.first(where: { !AlertContent.isStreamURL($0) }) {
            throw ValidationError("--stream '\(bad)' is not an http:// or https:// URL with a host")
        }
        guard !noTone else { throw ValidationError("a stream alert opens with the attention tone; drop --no-tone") }
    }
}
