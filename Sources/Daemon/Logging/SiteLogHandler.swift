import Foundation
import Logging

/// The daemon's log lines on standard error (journald reads them), stamped in the site's time zone with its offset
/// and milliseconds, `2026-12-01T05:30:00.012+07:00 notice communecastd: key=value [Daemon] message`: the same
/// form as every time the CLI and the control protocol show, so a line in the journal and a row of `communecast
/// log` can be matched by eye. Only `main` installs it (`LoggingSystem.bootstrap`).
public struct SiteLogHandler: LogHandler {
    /// The zone the time stamps are written in: the configuration's `site.timezone`.
    public let timeZone: TimeZone
    private let label: String
    /// The records kept; the rest are dropped before formatting.
    public var logLevel: Logger.Level
    /// Metadata added to every record of this logger.
    public var metadata: Logger.Metadata = [:]
    /// Contextual metadata, from the logging system.
    public var metadataProvider: Logger.MetadataProvider?

    /// A handler for `label` that keeps records at `level` and above.
    public init(label: String, level: Logger.Level, timeZone: TimeZone) {
        self.label = label
        logLevel = level
        self.timeZone = timeZone
        metadataProvider = LoggingSystem.metadataProvider
    }

    /// One metadata value by key.
    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    /// Writes one line to standard error.
    public func log(event: LogEvent) {
        var all = metadata
        if let provided = metadataProvider?.get() { all.merge(provided) { $1 } }
        if let explicit = event.metadata { all.merge(explicit) { $1 } }
        if let error = event.error { all["error.message"] = "\(error)" }
        let pairs = all.isEmpty ? "" : " " + all.keys.sorted().map { "\($0)=\(all[$0]!)" }.joined(separator: " ")
        let line = "\(Timestamps.format(Date(), timeZone: timeZone)) \(event.level) \(label):\(pairs) "
            + "[\(event.source)] \(event.message)\n"
        FileHandle.standardError.write(Data(line.utf8))
    }
}
