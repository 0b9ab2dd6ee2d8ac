import ArgumentParser
import ControlProtocol
import Dispatch
import Foundation
import LiveBroadcast
import Logging
#if canImport(Glibc)
import Glibc
#endif

/// `communecast live`: broadcasts a microphone or a file live to an Icecast mount, for sites to relay.
struct LiveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "live",
        abstract: "Send live audio from an ALSA device or a file to an Icecast mount (low-delay Ogg Opus).",
        discussion: """
            The audio is levelled to the broadcast loudness with a live limiter, encoded as Ogg Opus with about \
            0.1 s of encoder delay, and sent with libshout. A lost connection is retried with back-off while the \
            capture goes on; what cannot be sent is dropped, never delayed. Ctrl-C ends the stream cleanly (exit \
            status 130). --level is carried in the stream's tags (COMMUNECAST_LEVEL); a live emergency broadcast \
            needs signed approval and is not offered here. See docs/live.md.
            Example: communecast live --mount http://radio.example:8000/xa-an-binh.opus --from default \
            --password-file /etc/communecast/icecast-source
            """
    )

    @Option(help: "The Icecast mount, http://host[:port]/mount.")
    var mount: String

    @Option(help: "An ALSA capture device (default, plughw:1,0…) or a WAV or Ogg Opus file.")
    var from = "default"

    @Option(help: "The source user name.")
    var user = "source"

    @Option(help: "A file holding the source password (its first line).")
    var passwordFile: String

    @Option(help: "The broadcast level carried in the stream: normal or priority.")
    var level: Site.PlayLevel = .normal

    @Flag(help: "Print a JSON report when the broadcast ends.")
    var json = false

    func run() throws {
        let url = try MountURL(mount)
        let password = try readPassword()
        let input: LiveInput = FileManager.default.fileExists(atPath: from)
            ? try FileInput(path: from) : try DeviceInput(device: from)
        let broadcaster = LiveBroadcaster(
            settings: LiveSettings(mount: url, user: user, password: password, level: level.rawValue),
            logger: Logger(label: "communecast.live")
        ) { event in
            Terminal.standardError("live: \(event)")
        }
        let interrupted = InterruptFlag { broadcaster.stop() }
        let report = try broadcaster.run(input: input)
        input.close()
        if json {
            try Terminal.printJSON(report)
        } else {
            let delay = report.firstPageDelay.map { String(format: ", encoder delay %.2f s", $0) } ?? ""
            print("sent \(Terminal.clock(report.seconds)) to \(url) (\(report.pagesSent) pages, "
                  + "\(report.pagesDropped) dropped, \(report.connections) connections\(delay))")
        }
        if interrupted.isRaised { throw ExitCode(ExitStatus.interrupted) }
    }

    private func readPassword() throws -> String {
        do {
            let text = try String(contentsOfFile: passwordFile, encoding: .utf8)
            guard let line = text.split(whereSeparator: \.isNewline).first, !line.isEmpty else {
                throw LiveError.passwordFile(path: passwordFile, message: "the file is empty")
            }
            return String(line)
        } catch let error as LiveError {
            throw error
        } catch {
            throw LiveError.passwordFile(path: passwordFile, message: error.localizedDescription)
        }
    }
}
