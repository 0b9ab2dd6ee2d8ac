import ArgumentParser
import BroadcastModel
import ControlProtocol
import Dispatch
import Foundation
import HostSystem
import LiveBroadcast
import Logging
#if canImport(Glibc)
import Glibc
#endif

/// `communecast live`: broadcasts a microphone or a file live to an Icecast mount, for sites to relay.
struct LiveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "live",
        abstract: "Send live audio from an ALSA device or a file to an Icecast mount (low-delay Ogg Opus).",
        discussion: """
            The audio is levelled to the broadcast loudness with a live limiter, encoded as Ogg Opus with about \
            0.1 s of encoder delay, and sent with libshout. A lost connection is retried with back-off while the \
            capture goes on; what cannot be sent is dropped, never delayed. Ctrl-C ends the stream cleanly (exit \
            status 130). --level is carried in the stream's tags (COMMUNECAST_LEVEL). With --level emergency, \
            once the mount is on air the sites (--connect, or a selection with --inventory) are told to relay it \
            as an emergency alert that preempts everything: an actual one is the --signed alert file naming the \
            mount (alert draft --stream MOUNT --duration D, then a second person's alert approve); an exercise or \
            a test is pushed unsigned (provincial role) for --duration and ended when the broadcast ends. See \
            docs/live.md.
            Examples:
              communecast live --mount http://radio.example:8000/xa-an-binh.opus \\
                  --from default --password-file /etc/communecast/icecast-source
              communecast live --mount http://radio.example:8000/khan.opus \\
                  --password-file pw --level emergency --signed khan.jws \\
                  --inventory province.yaml --tag ven-song
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

    @Option(help: ArgumentHelp("The broadcast level: normal or priority (carried in the stream), or emergency (the "
                               + "sites relay it as an emergency alert)."))
    var level: BroadcastLevel = .normal

    @OptionGroup(title: "A live emergency broadcast") var emergency: LiveEmergencyOptions

    @OptionGroup var connection: ConnectionOptions

    @OptionGroup(title: "Many sites") var fleet: FleetOptions

    @Flag(help: "Print a JSON report when the broadcast ends.")
    var json = false

    func validate() throws {
        try emergency.validate(level: level)
    }

    func run() async throws {
        let url = try MountURL(mount)
        let password = try readPassword()
        let ready = try await signedAlert()
        let (onAir, announce) = AsyncStream<Void>.makeStream()
        let broadcaster = LiveBroadcaster(
            settings: LiveSettings(mount: url, user: user, password: password, level: level.rawValue),
            logger: Logger(label: "communecast.live")
        ) { event in
            Terminal.standardError("live: \(event)")
            if case .connected = event { announce.yield() }
        }
        let interrupted = InterruptFlag { broadcaster.stop() }
        async let sending = Self.broadcast(broadcaster, from: from, finished: announce)
        var alertID: String?
        var alertFailure: (any Error)?
        if level == .emergency {
            for await _ in onAir {
                do {
                    alertID = try await alertSites(ready)
                } catch {
                    alertFailure = error
                    Terminal.standardError("live: the sites were not told to relay the broadcast: \(error)")
                    if !fleet.isActive { broadcaster.stop() }
                }
                break
            }
        }
        let report = try await sending
        if let alertID { await endAlert(alertID) }
        if let alertFailure { throw alertFailure }
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

    /// Runs the broadcast from `from` (a file, else an ALSA device) on a thread of its own, since it blocks until
    /// the end, and finishes `finished` when it ends.
    private static func broadcast(_ broadcaster: LiveBroadcaster, from: String,
                                  finished: AsyncStream<Void>.Continuation) async throws -> LiveBroadcastReport {
        try await withCheckedThrowingContinuation { continuation in
            NamedThread.start("cc-live") {
                defer { finished.finish() }
                do {
                    let input: LiveInput = FileManager.default.fileExists(atPath: from)
                        ? try FileInput(path: from) : try DeviceInput(device: from)
                    defer { input.close() }
                    continuation.resume(returning: try broadcaster.run(input: input))
                } catch {
                    continuation.resume(throwing: error)
                }
            }
        }
    }
}
