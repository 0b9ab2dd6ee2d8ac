import Foundation
import Logging
import Synchronization

/// An in-memory log handler, so tests can check what a component logged without bootstrapping the logging system.
public final class TestLog: Sendable {
    private let lines = Mutex<[String]>([])

    /// Creates an empty log.
    public init() {}

    /// A logger writing here.
    public var logger: Logger { Logger(label: "test") { _ in Handler(log: self) } }

    /// Every record so far as "level message key=value…", metadata keys sorted.
    public var records: [String] { lines.withLock { $0 } }

    fileprivate func append(_ line: String) { lines.withLock { $0.append(line) } }

    private struct Handler: LogHandler {
        let log: TestLog
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            let all = metadata.merging(event.metadata ?? [:]) { $1 }
            let pairs = all.keys.sorted().map { "\($0)=\(all[$0]!)" }
            log.append(([event.level.rawValue, "\(event.message)"] + pairs).joined(separator: " "))
        }
    }
}
