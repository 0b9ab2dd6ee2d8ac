import BroadcastModel
import Foundation
import Logging
import Store
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Gets the media a signed alert names by SHA-256 when the site lacks it (issue 15 §5, docs/call-home.md "Media"):
/// `MEDIA_HOST/media/SHA256.opus` over HTTP(S), continued with range requests after every drop, tried again with a
/// growing pause (1 s to 30 s) until the alert's expiry; the length and the SHA-256 are checked before the file is
/// stored the way an upload is (``MediaLibrary/adopt(partial:sha256:)``). Nothing partial is left when it gives up.
final class MediaFetcher: Sendable {
    /// The media host's base URL, without a trailing `/`.
    let host: String
    private let library: MediaLibrary
    private let clock: any Clock
    private let logger: Logger
    /// The hashes being fetched: a second alert naming the same file waits for the first fetch.
    private let running = Mutex<Set<String>>([])

    /// A fetcher from `host` (`http(s)://NAME[:PORT][/PATH]`) into `library`.
    init(host: String, library: MediaLibrary, clock: any Clock, logger: Logger) {
        self.host = host.hasSuffix("/") ? String(host.dropLast()) : host
        self.library = library
        self.clock = clock
        self.logger = logger
    }

    /// The URL of `sha256`'s file.
    func url(_ sha256: String) -> String { "\(host)/media/\(sha256).opus" }

    /// The stored media `sha256`, fetched first if the site lacks it; throws ``MediaFetchFailure`` when it could not
    /// be had before `deadline` (by the site's clock), or the task was cancelled.
    func media(_ sha256: String, until deadline: Date) async throws(MediaFetchFailure) -> MediaRecord {
        while true {
            if let stored = try? library.store.media(sha256: sha256) { return stored }
            if running.withLock({ $0.insert(sha256).inserted }) { break }
            guard clock.now() < deadline, (try? await Task.sleep(for: .milliseconds(200))) != nil else {
                throw MediaFetchFailure(sha256: sha256, reason: "another fetch of it did not finish in time")
            }
        }
        defer { _ = running.withLock { $0.remove(sha256) } }
        return try await fetch(sha256, until: deadline)
    }

    private func fetch(_ sha256: String, until deadline: Date) async throws(MediaFetchFailure) -> MediaRecord {
        let partial = library.partialPath(for: sha256)
        defer { unlink(partial) }
        var pause = Duration.seconds(1)
        var problem = "not tried before the alert expired"
        var attempt = 0
        while clock.now() < deadline {
            attempt += 1
            let remaining = deadline.timeIntervalSince(clock.now())
            let outcome = await RangedDownload.attempt(url(sha256), into: partial, limit: library.maxUploadBytes,
                                                       timeout: .seconds(min(max(remaining, 1), 60)))
            switch outcome {
            case .complete(let bytes, let total) where total == nil || total == bytes:
                do {
                    let record = try library.adopt(partial: partial, sha256: sha256)
                    logger.notice("media fetched from the media host", metadata: [
                        "sha256": "\(sha256)", "bytes": "\(bytes)", "attempts": "\(attempt)",
                    ])
                    return record
                } catch {
                    problem = "\(error)"
                }
            case .complete(let bytes, let total):
                problem = "the media host sent \(bytes) bytes of \(total ?? 0)"
                unlink(partial)
            case .interrupted(let bytes):
                problem = "the connection to the media host broke after \(bytes) bytes"
                if bytes > 0 { pause = .seconds(1) }
            case .failed(let failure):
                problem = failure.description
                if case .storage = failure { throw MediaFetchFailure(sha256: sha256, reason: problem) }
                if case .badURL = failure { throw MediaFetchFailure(sha256: sha256, reason: problem) }
                unlink(partial)
            }
            logger.warning("media fetch interrupted; trying again", metadata: [
                "sha256": "\(sha256)", "url": "\(url(sha256))", "reason": "\(problem)", "attempt": "\(attempt)",
                "retry_in": "\(pause)",
            ])
            let left = deadline.timeIntervalSince(clock.now())
            guard left > 0 else { break }
            do {
                try await Task.sleep(for: min(pause, .seconds(left)))
            } catch {
                throw MediaFetchFailure(sha256: sha256, reason: "stopped while fetching: \(problem)")
            }
            pause = min(pause * 2, .seconds(30))
        }
        throw MediaFetchFailure(sha256: sha256, reason: problem)
    }
}
