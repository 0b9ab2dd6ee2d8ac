import AlertTrust
import ArgumentParser
import CAPIntake
import ControlProtocol
import Foundation

/// `communecast cap check`: reads CAP files strictly, verifies their signatures against the policy's pinned keys,
/// and shows the mapping each would get; nothing is drafted or sent.
struct CAPCheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check CAP 1.2 files (XML, signatures, mapping) without drafting anything.",
        discussion: """
            Each file is read with the size limit and the byte checks first (no DOCTYPE or entity declaration), \
            then parsed once, checked against CAP 1.2, its signatures verified with the certificates the policy \
            pins for its sender, and mapped by the policy. Every problem names its element. Exit status 1 when a \
            file is refused.
            Example:
              communecast cap check --policy /etc/communecast/cap-policy.yaml \\
                  --inventory sites.yaml warning.xml
            """
    )

    @Argument(help: "The CAP files.")
    var files: [String]

    @OptionGroup var input: CAPInputOptions

    @Option(help: ArgumentHelp("Check as of this RFC 3339 time instead of now (expiry, certificate validity): to "
                               + "re-check an archived message.", valueName: "time"))
    var at: String?

    @Flag(help: "Print one JSON object.")
    var json = false

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("name at least one CAP file") }
        if let at, RFC3339.parse(at) == nil { throw ValidationError("--at must be an RFC 3339 time, got '\(at)'") }
    }

    func run() async throws {
        let now = at.flatMap(RFC3339.parse) ?? Date()
        let policy = try input.loadPolicy()
        let mapper = CAPMapper(policy: policy, sites: try input.loadSites(), now: now)
        var reports: [CAPReport] = []
        for file in files {
            var report = CAPReport(file: file)
            do {
                let message = try CAPMessage(bytes: try CAPInputOptions.read(file, limit: policy.maximumBytes),
                                             policy: policy, now: now)
                report.message = message
                report.mapping = mapper.map(message)
            } catch let refusal as CAPRefusal {
                report.refusal = refusal
            } catch {
                report.refusal = CAPRefusal("file", "\(error)")
            }
            reports.append(report)
        }
        if json {
            print(String(decoding: JSONWriter.bytes(of: .object(["files": .array(reports.map { $0.json() })])),
                       as: UTF8.self))
        } else {
            print(reports.map { $0.text() }.joined(separator: "\n\n"))
        }
        let refused = reports.filter(\.isRefused).count
        if refused > 0 {
            throw CLIError("\(refused) of \(reports.count) CAP file(s) refused")
        }
    }
}
