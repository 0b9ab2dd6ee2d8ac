import AlertTrust
import ArgumentParser
import CAPIntake
import ControlProtocol
import Fleet
import Foundation

/// `communecast cap watch`: polls a directory or an Atom/RSS feed of CAP messages and drafts every new message once
/// into the output directory; where the policy allows, a draft complete with one signature is sent at once.
struct CAPWatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Poll a directory or an Atom/RSS feed of CAP messages; draft each new one once, send what the "
            + "policy allows.",
        discussion: """
            A feed is fetched with conditional requests (If-None-Match, If-Modified-Since), so an unchanged feed \
            costs a 304 and no body; each new entry's CAP document is fetched and handled once. Drafts go to \
            --out-dir as NAME-HASH.jws (the file's or URL's name and the start of the message's SHA-256); a \
            message that is held, logged or refused leaves NAME-HASH.hold.json, .log.json or .refuse.json there \
            for a person. The ledger (cap-ledger.json) and the \
            poll state (cap-watch-state.json) live in --out-dir too. Where the policy's auto_send allows it and \
            the drafter's signature alone completes the alert (never an actual emergency, which needs two \
            people), the draft is sent at once, as `alert send` sends it, to the --inventory sites in its \
            audience; otherwise it is held for `alert approve` and `alert send`, and the report says so.
            Example:
              communecast cap watch https://alerts.example/cap/feed.atom \\
                  --policy cap-policy.yaml --inventory sites.yaml \\
                  --out-dir /var/lib/communecast/cap \\
                  --cert me.pem --key me.key --ca ca.pem
            """
    )

    @Argument(help: "A directory of CAP files, or the http(s) URL of an Atom or RSS feed of CAP messages.")
    var source: String

    @OptionGroup var input: CAPInputOptions

    @Option(name: .customLong("out-dir"), help: ArgumentHelp("Where drafts, reports, the ledger and the poll state "
                                                             + "go.", valueName: "dir"))
    var outDirectory: String

    @Option(help: ArgumentHelp("Who issues the alerts (default: $COMMUNECAST_ISSUER, else the CA's organisation).",
                               valueName: "name"))
    var issuer: String?

    @Option(help: "Seconds between polls (10-3600).")
    var interval = 60

    @Option(help: "Seconds to wait for each site when the policy sends a draft at once.")
    var timeout: Double = 30

    @Flag(help: "Poll once and exit.")
    var once = false

    @OptionGroup(title: "Signing") var signing: SigningOptions

    @Flag(help: "Print one JSON object per message handled.")
    var json = false

    func validate() throws {
        guard input.policy != nil else { throw ValidationError("cap watch needs --policy: it trusts no sender else") }
        guard (10...3_600).contains(interval) else { throw ValidationError("--interval must be 10 to 3600 seconds") }
    }

    func run() async throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: outDirectory, isDirectory: &isDirectory), isDirectory.boolValue
        else { throw CLIError("--out-dir '\(outDirectory)' is not a directory") }
        let policy = try input.loadPolicy()
        var watcher = CAPWatcher(
            source: source, directory: outDirectory,
            drafter: CAPDrafter(policy: policy, sites: try input.loadSites(), signing: signing,
                                issuer: try issuer ?? SigningOptions.environment("COMMUNECAST_ISSUER")
                                    ?? signing.trust().organization),
            json: json,
            sender: CAPAutoSender(inventory: input.inventory ?? SigningOptions.environment("COMMUNECAST_INVENTORY"),
                                  timeout: timeout)
        )
        try watcher.loadState()
        while true {
            do {
                try await watcher.poll(now: Date())
            } catch {
                if once { throw error }
                Terminal.standardError("communecast: cap watch: \(error); trying again in \(interval) s")
            }
            if once { return }
            try await Task.sleep(for: .seconds(interval))
        }
    }
}
