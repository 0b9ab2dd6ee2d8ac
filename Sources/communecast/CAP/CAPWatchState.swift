import Foundation

/// What `cap watch` remembers between polls, in `cap-watch-state.json` in its output directory: the feed's
/// validators for conditional requests, and the files or feed entries already handled.
struct CAPWatchState: Codable {
    /// The feed's last `ETag`, sent as `If-None-Match`.
    var etag: String?
    /// The feed's last `Last-Modified`, sent as `If-Modified-Since`.
    var lastModified: String?
    /// Keys of the files and entries handled.
    var seen: [String] = []

    /// The state in `path`; none yet is an empty state.
    static func load(path: String) throws -> CAPWatchState {
        guard FileManager.default.fileExists(atPath: path) else { return CAPWatchState() }
        do {
            return try JSONDecoder().decode(CAPWatchState.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            throw CLIError("'\(path)' is not a cap watch state file: \(error)")
        }
    }

    /// Writes the state atomically.
    func save(path: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try encoder.encode(self).write(to: URL(fileURLWithPath: path), options: .atomic)
    }
}
