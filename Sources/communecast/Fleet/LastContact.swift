import Foundation
import HostSystem

/// When each site last answered, kept between runs so an unreachable site shows how long it has been silent.
struct LastContact {
    private var seen: [String: Double]
    private let path: String

    /// The cache file: `$XDG_CACHE_HOME/communecast/last-contact.json`, default `~/.cache/communecast/…`.
    static var defaultPath: String {
        let environment = ProcessInfo.processInfo.environment
        let base = environment["XDG_CACHE_HOME"] ?? "\(environment["HOME"] ?? NSHomeDirectory())/.cache"
        return "\(base)/communecast/last-contact.json"
    }

    /// Reads the cache; a missing or unreadable one starts empty.
    static func load(path: String = defaultPath) -> LastContact {
        let data = FileManager.default.contents(atPath: path)
        let seen = data.flatMap { try? JSONDecoder().decode([String: Double].self, from: $0) } ?? [:]
        return LastContact(seen: seen, path: path)
    }

    mutating func seen(_ site: String, at date: Date) { seen[site] = date.timeIntervalSince1970 }

    func date(of site: String) -> Date? { seen[site].map { Date(timeIntervalSince1970: $0) } }

    /// Writes the cache; failing to is not worth failing the command for.
    func save() {
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        guard let data = try? JSONEncoder().encode(seen) else { return }
        try? AtomicFileWriter.write(data, to: path, replace: true)
    }
}
