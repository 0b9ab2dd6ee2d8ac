import AudioCodec
import BroadcastModel
import ControlProtocol
import Foundation
import HostSystem
import Logging
import Store
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// The site's announcements: files at `<state>/media/<sha256>.opus` plus their rows in the store. An upload runs the
/// same pipeline as `communecast media encode`; the file is complete on disk (fsynced, renamed) before its row is
/// written, and rows are written before the upload is acknowledged, so a crash at any moment leaves either nothing or
/// a complete, recorded file. Leftovers of an interrupted upload are removed at start-up.
final class MediaLibrary: Sendable {
    /// The media directory.
    let directory: String
    let store: Store
    /// The encoding targets and the limits of an upload, which a configuration reload may change.
    private let limits: Mutex<(options: EncodeOptions, maxUploadBytes: Int, maxEncodeMemoryBytes: Int)>
    let logger: Logger
    /// The site's one wall clock: when each file was stored.
    let clock: any Clock
    /// Serialises rendering text (see `MediaLibrary+Speech`), so two requests for the same words store one file.
    let speaking = Mutex(())

    init(stateDirectory: String, store: Store, options: EncodeOptions, maxUploadBytes: Int,
         maxEncodeMemoryBytes: Int, clock: any Clock, logger: Logger) throws {
        directory = "\(stateDirectory)/media"
        self.store = store
        self.clock = clock
        limits = Mutex((options, maxUploadBytes, maxEncodeMemoryBytes))
        self.logger = logger
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: StateDirectory.directoryMode])
    }

    /// Takes new encoding targets and limits (a configuration reload); uploads already running keep theirs.
    func update(targetLUFS: Double, bitrateKbps: Int, maxUploadBytes: Int, maxEncodeMemoryBytes: Int) {
        limits.withLock {
            $0.options.targetLUFS = targetLUFS
            $0.options.opus.bitrate = bitrateKbps * 1_000
            $0.maxUploadBytes = maxUploadBytes
            $0.maxEncodeMemoryBytes = maxEncodeMemoryBytes
        }
    }

    /// The largest file the site takes, by upload or from the media host.
    var maxUploadBytes: Int { limits.withLock { $0.maxUploadBytes } }

    /// The encoding targets in force.
    var encodeOptions: EncodeOptions { limits.withLock { $0.options } }

    /// Where the file for `sha256` lives.
    func path(for sha256: String) -> String { "\(directory)/\(sha256).opus" }

    /// Removes temporary files of interrupted uploads and files whose row was never written.
    func reconcile() throws {
        let known = Set(try store.listMedia().map(\.sha256))
        for entry in try FileManager.default.contentsOfDirectory(atPath: directory) {
            let isOrphan = entry.hasSuffix(".opus") && !entry.hasPrefix(".")
                && !known.contains(String(entry.dropLast(5)))
            if entry.hasPrefix(".") || isOrphan {
                try? FileManager.default.removeItem(atPath: "\(directory)/\(entry)")
                logger.warning("removed leftover media file", metadata: ["media": "\(entry)"])
            }
        }
    }

    /// Validates, normalises, stores and records an upload; returns the row and whether the content already existed.
    func upload(name: String, base64: String) throws -> (record: MediaRecord, deduplicated: Bool) {
        if let problem = SiteName.media.problem(with: name) { throw SiteFailure.invalidParameter("name", problem) }
        let data = try Self.decode(base64: base64, upload: name)
        let limits = limits.withLock { $0 }
        var options = limits.options
        options.maxSignalMemoryBytes = limits.maxEncodeMemoryBytes
        let maxUploadBytes = limits.maxUploadBytes
        guard data.count <= maxUploadBytes else { throw SiteFailure.tooLarge(maxUploadBytes) }
        let bytes = [UInt8](data)
        let ready: BroadcastReady.Media?
        do {
            ready = try BroadcastReady.check(bytes: bytes, path: name, options: options)
        } catch {
            throw SiteFailure.invalidMedia("\(error)")
        }
        if let ready { return try storeAsSent(bytes, ready, name: name) }
        let token = UUID().uuidString.lowercased()
        let input = "\(directory)/.upload-\(token)"
        let encoded = "\(directory)/.incoming-\(token).opus"
        defer {
            unlink(input)
            unlink(encoded)
        }
        try write(data, to: input, upload: name)
        let report: EncodeReport
        do {
            report = try MediaEncoder.encode(input: input, output: encoded, options: options)
        } catch let MediaError.outputUnwritable(_, reason) {
            throw storageFailure(upload: name, reason: reason)
        } catch let error as MediaError {
            if case let .needsTooMuchMemory(_, seconds, needed, limit) = error {
                throw SiteFailure.invalidMedia(MediaError.tooMuchMemory(
                    path: name, seconds: seconds, neededBytes: needed, limitBytes: limit,
                    remedy: "upload it without --as-is, so that the office encodes it"
                ))
            }
            // Name the upload, not our temporary file, in what the caller reads.
            throw SiteFailure.invalidMedia("\(error)".replacingOccurrences(of: input, with: name))
        }
        return try keep(encoded: encoded, report: report, name: name)
    }

    /// Moves a file the pipeline just encoded into place under its SHA-256 and records it as `name`; when text was
    /// spoken, `textSHA256` is the text's hash. Nothing is left if recording fails.
    func keep(encoded: String, report: EncodeReport, name: String, textSHA256: String? = nil) throws
        -> (record: MediaRecord, deduplicated: Bool) {
        let final = path(for: report.outputSHA256)
        let isNew = !FileManager.default.fileExists(atPath: final)
        if isNew {
            // The encoder makes files anyone may read, for the office; on the site the audio is the daemon's alone.
            chmod(encoded, StateDirectory.fileMode)
            do {
                try AtomicFileWriter.moveIntoPlace(encoded, as: final)
            } catch {
                throw SiteFailure.internalError("cannot move media into place: \(error)")
            }
        }
        let record = MediaRecord(
            sha256: report.outputSHA256, name: name, durationSeconds: report.durationSeconds,
            bytes: report.outputBytes, loudnessLUFS: report.loudnessAfterLUFS, createdAt: clock.now(),
            sourceDescription: report.inputFormat, textSHA256: textSHA256
        )
        let stored: (record: MediaRecord, deduplicated: Bool)
        do {
            stored = try store.insertMedia(record)
        } catch {
            // Unacknowledged media must leave nothing behind, even a complete file (the database may be full too).
            if isNew { unlink(final) }
            throw error
        }
        logger.info("media stored", metadata: ["media": "\(name)", "sha256": "\(report.outputSHA256)",
                                               "deduplicated": "\(stored.deduplicated)"])
        return stored
    }

    /// Stores a file our pipeline already made with this site's options, byte for byte (see `BroadcastReady`).
    private func storeAsSent(_ bytes: [UInt8], _ ready: BroadcastReady.Media, name: String) throws
        -> (record: MediaRecord, deduplicated: Bool) {
        let final = path(for: ready.sha256)
        if !FileManager.default.fileExists(atPath: final) {
            do {
                try AtomicFileWriter.write(bytes, to: final, replace: true, mode: StateDirectory.fileMode)
            } catch AtomicWriteError.unwritable(_, let reason) {
                throw storageFailure(upload: name, reason: reason)
            } catch {
                throw storageFailure(upload: name, reason: "\(error)")
            }
        }
        return try record(ready, name: name,
                          source: "Ogg Opus made by CommuneCast with this site's settings, stored as sent")
    }

    /// Records a broadcast-ready file already in place under its SHA-256 as `name`, described as `source`.
    func record(_ ready: BroadcastReady.Media, name: String, source: String) throws
        -> (record: MediaRecord, deduplicated: Bool) {
        let record = MediaRecord(
            sha256: ready.sha256, name: name, durationSeconds: ready.durationSeconds, bytes: ready.bytes,
            loudnessLUFS: ready.loudnessLUFS, createdAt: clock.now(), sourceDescription: source
        )
        let stored = try store.insertMedia(record)
        logger.info("media stored as sent", metadata: ["media": "\(name)", "sha256": "\(ready.sha256)",
                                                       "deduplicated": "\(stored.deduplicated)"])
        return stored
    }

    /// Writes the decoded upload for the encoder, reporting a full disk as such rather than as bad media.
    private func write(_ data: Data, to path: String, upload name: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw storageFailure(upload: name, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        try data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
            var offset = 0
            while offset < bytes.count {
                let written = Glibc.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0, errno == EINTR { continue }
                guard written > 0 else { throw storageFailure(upload: name, reason: String(cString: strerror(errno))) }
                offset += written
            }
        }
    }

    /// The caller's words for an upload the state file system could not take: what failed, how much room there is,
    /// and what to do; the daemon carries on playing.
    private func storageFailure(upload name: String, reason: String) -> SiteFailure {
        let free = SystemFacts.freeBytes(at: directory)
        return .internalError(
            "cannot store '\(name)' on the site: \(reason.lowercased()) (\(free / 1_024) KiB free in \(directory)); "
                + "delete unused media with `communecast media rm` or free space, then upload again"
        )
    }

    /// Removes one name, or the audio with its last name and then its file (see `Store.removeMedia`); refused while
    /// an alert, a stored schedule or one of `others` (the schedule files) needs what would go.
    func delete(_ nameOrSHA: String, alsoUsedBy others: [MediaReference]) throws -> MediaRemoval {
        let removal = try store.removeMedia(nameOrSHA, alsoUsedBy: others)
        switch removal {
        case .name(let name, let remaining):
            logger.info("media name removed", metadata: ["media": "\(name)", "sha256": "\(remaining.sha256)",
                                                         "kept_as": "\(remaining.name)"])
        case .audio(let record, let names):
            unlink(path(for: record.sha256))
            logger.info("media deleted", metadata: ["media": "\(names.joined(separator: ","))",
                                                    "sha256": "\(record.sha256)"])
        }
        return removal
    }

    /// The bytes of an upload's base64 `data`. Line breaks and spaces (as `base64` writes them) are allowed; any
    /// other character that is not base64 is refused, rather than skipped into an empty or shortened file.
    private static func decode(base64: String, upload name: String) throws -> Data {
        let compact = base64.filter { !$0.isWhitespace }
        guard let data = Data(base64Encoded: compact) else {
            let alphabet = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZ")
                .union(CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyz0123456789+/="))
            let offending = compact.unicodeScalars.firstIndex { !alphabet.contains($0) }
            let detail = offending.map {
                "character \(compact.unicodeScalars.distance(from: compact.unicodeScalars.startIndex, to: $0) + 1) "
                    + "is not a base64 character"
            } ?? "its length or padding is wrong"
            throw SiteFailure.invalidMedia("'\(name)': data is not valid base64 (\(detail))")
        }
        return data
    }
}
