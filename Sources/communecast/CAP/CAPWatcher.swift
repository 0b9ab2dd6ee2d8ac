import AudioCodec
import CAPIntake
import ControlProtocol
import Fleet
import Foundation

/// One `cap watch`: finds the new CAP messages in a directory or a feed and hands each to the drafter once, keeping
/// the poll state and the ledger in the output directory after every message.
struct CAPWatcher {
    /// The directory or feed URL.
    let source: String
    /// The output directory.
    let directory: String
    /// The drafter.
    let drafter: CAPDrafter
    /// Whether to print JSON lines.
    let json: Bool
    /// Sends what the policy sends at once.
    let sender: CAPAutoSender
    private var state = CAPWatchState()
    private var ledger: CAPLedger? = CAPLedger()

    /// Creates a watcher.
    init(source: String, directory: String, drafter: CAPDrafter, json: Bool, sender: CAPAutoSender) {
        self.source = source
        self.directory = directory
        self.drafter = drafter
        self.json = json
        self.sender = sender
    }

    private var statePath: String { "\(directory)/cap-watch-state.json" }
    private var ledgerPath: String { "\(directory)/cap-ledger.json" }
    private var isFeed: Bool { source.lowercased().hasPrefix("http://") || source.lowercased().hasPrefix("https://") }

    /// Reads the poll state and the ledger left by an earlier run.
    mutating func loadState() throws {
        state = try CAPWatchState.load(path: statePath)
        do {
            ledger = try CAPLedger.load(path: ledgerPath)
        } catch {
            throw CLIError("'\(ledgerPath)' is not a CAP ledger: \(error)")
        }
    }

    /// One poll: every new message is handled, oldest first.
    mutating func poll(now: Date) async throws {
        let items = isFeed ? try await feedItems() : try directoryItems()
        for item in items where !state.seen.contains(item.key) {
            guard let bytes = try await item.bytes() else { continue }
            try await handle(bytes, name: item.name, now: now)
            state.seen.append(item.key)
            try state.save(path: statePath)
        }
    }

    /// One message found: a key that changes when it does, a name for reports, and a way to get its bytes.
    private struct Item {
        var key: String
        var name: String
        var bytes: () async throws -> [UInt8]?
    }

    private func directoryItems() throws -> [Item] {
        let manager = FileManager.default
        let names: [String]
        do {
            names = try manager.contentsOfDirectory(atPath: source)
        } catch {
            throw CLIError("cannot list '\(source)': \(error.localizedDescription)")
        }
        let limit = drafter.policy.maximumBytes
        let files = names.filter { !$0.hasPrefix(".") }.compactMap { name -> (String, Date, String)? in
            let path = "\(source)/\(name)"
            guard let attributes = try? manager.attributesOfItem(atPath: path),
                  attributes[.type] as? FileAttributeType == .typeRegular else { return nil }
            return (path, attributes[.modificationDate] as? Date ?? .distantPast, name)
        }.sorted { ($0.1, $0.2) < ($1.1, $1.2) }
        return files.map { path, modified, name in
            Item(key: "file:\(name):\(modified.timeIntervalSince1970)", name: path) {
                try CAPInputOptions.read(path, limit: limit)
            }
        }
    }

    private mutating func feedItems() async throws -> [Item] {
        var request = HTTPFetch(url: source, etag: state.etag, lastModified: state.lastModified,
                                maximumBytes: 4 * drafter.policy.maximumBytes)
        request.accept = "application/atom+xml, application/rss+xml, application/xml;q=0.9, */*;q=0.1"
        let answer: HTTPFetchResult
        do {
            answer = try await HTTPFetcher.fetch(request)
        } catch {
            throw CLIError("feed \(error)")
        }
        if answer.notModified { return [] }
        state.etag = answer.etag
        state.lastModified = answer.lastModified
        let feed: CAPFeed
        do {
            feed = try CAPFeed(bytes: answer.body, baseURL: answer.url, maximumBytes: request.maximumBytes)
        } catch {
            throw CLIError("feed '\(source)' refused: \(error)")
        }
        let limit = drafter.policy.maximumBytes
        return feed.entries.reversed().map { entry in
            Item(key: "entry:\(entry.id)|\(entry.url)", name: entry.url) {
                do {
                    return try await HTTPFetcher.fetch(HTTPFetch(url: entry.url, maximumBytes: limit)).body
                } catch {
                    Terminal.standardError("communecast: cap watch: \(error); trying again at the next poll")
                    return nil
                }
            }
        }
    }

    private mutating func handle(_ bytes: [UInt8], name: String, now: Date) async throws {
        let base = Self.fileName(for: bytes, name: name)
        let draft = "\(directory)/\(base).jws"
        let outcome = try await drafter.process(bytes, name: name, out: draft, replace: true,
                                                overrides: CAPOverrides(), ledger: &ledger, now: now)
        try ledger?.save(path: ledgerPath)
        let report = outcome.report
        let disposition = report.refusal != nil ? "refuse" : (report.mapping?.disposition.name ?? "refuse")
        var written = outcome.draft
        if written == nil {
            written = "\(directory)/\(base).\(disposition).json"
            try Data(JSONWriter.bytes(of: report.json())).write(to: URL(fileURLWithPath: written!), options: .atomic)
        }
        var sending: String?
        if let draft = outcome.draft, let mapping = report.mapping {
            if mapping.autoSend {
                sending = await sender.send(draft)
            } else if mapping.awaitsApproval {
                sending = "held for a second person: the policy sends it at once, but a "
                    + "\(mapping.level?.rawValue ?? "") \(mapping.status?.rawValue ?? "") alert needs two signatures; "
                    + "`communecast alert approve \(draft)`, then `alert send`"
            }
        }
        if json {
            var line = report.json()
            if case .object(var members) = line {
                members["written"] = .string(written!)
                members["send"] = sending.map(JSONValue.string) ?? .null
                line = .object(members)
            }
            print(String(decoding: JSONWriter.bytes(of: line), as: UTF8.self))
        } else {
            let reason = report.refusal?.findings.first?.description ?? report.mapping?.disposition.reason
            print("\(name): \(disposition)\(reason.map { " (\($0))" } ?? "") → \(written!)"
                  + (sending.map { "; \($0)" } ?? ""))
        }
    }

    /// `sender_identifier` made safe for a file name, else the SHA-256 of the bytes.
    static func fileName(for bytes: [UInt8], name: String) -> String {
        let hash = String(FileDigest.sha256(bytes).prefix(12))
        let stem = URL(fileURLWithPath: name).deletingPathExtension().lastPathComponent
        let safe = String(stem.map { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) ? $0 : "_" }
            .prefix(80))
        return "\(safe.isEmpty ? "cap" : safe)-\(hash)"
    }
}
