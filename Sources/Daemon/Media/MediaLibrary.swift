import AudioCodec
import Foundation
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
    private let store: Store
    /// The encoding targets and the upload limit, which a configuration reload may change.
    private let limits: Mutex<(options: EncodeOptions, maxUploadBytes: Int)>
    private let logger: Logger

    init(stateDirectory: String, store: Store, options: EncodeOptions, maxUploadBytes: Int, logger: Logger) throws {
        directory = "\(stateDirectory)/media"
        self.store = store
        limits = Mutex((options, maxUploadBytes))
        self.logger = logger
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    /// Takes new encoding targets and upload limit (a configuration reload); uploads already running keep theirs.
    func update(targetLUFS: Double, bitrateKbps: Int, maxUploadBytes: Int) {
        limits.withLock {
            $0.options.targetLUFS = targetLUFS
            $0.options.opus.bitrate = bitrateKbps * 1_000
            $0.maxUploadBytes = maxUploadBytes
        }
    }

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
        guard Self.isValidName(name) else {
            throw SiteFailure.invalidParameter("name", "use 1-100 letters, digits, '.', '-' or '_' (got '\(name)')")
        }
        guard let data = Data(base64Encoded: base64, options: .ignoreUnknownCharacters) else {
            throw SiteFailure.invalidMedia("'\(name)': data is not valid base64")
        }
        let (options, maxUploadBytes) = limits.withLock { $0 }
        guard data.count <= maxUploadBytes else { throw SiteFailure.tooLarge(maxUploadBytes) }
        let token = UUID().uuidString.lowercased()
        let input = "\(directory)/.upload-\(token)"
        let encoded = "\(directory)/.incoming-\(token).opus"
        defer {
            unlink(input)
            unlink(encoded)
        }
        guard FileManager.default.createFile(atPath: input, contents: data) else {
            throw SiteFailure.internalError("cannot write the upload to \(directory)")
        }
        let report: EncodeReport
        do {
            report = try MediaEncoder.encode(input: input, output: encoded, options: options)
        } catch let error as MediaError {
            // Name the upload, not our temporary file, in what the caller reads.
            throw SiteFailure.invalidMedia("\(error)".replacingOccurrences(of: input, with: name))
        }
        let final = path(for: report.outputSHA256)
        if !FileManager.default.fileExists(atPath: final) {
            guard rename(encoded, final) == 0 else {
                throw SiteFailure.internalError("cannot move media into place: \(String(cString: strerror(errno)))")
            }
            Self.syncDirectory(directory)
        }
        let record = MediaRecord(
            sha256: report.outputSHA256, name: name, durationSeconds: report.durationSeconds,
            bytes: report.outputBytes, loudnessLUFS: report.loudnessAfterLUFS, createdAt: Date(),
            sourceDescription: report.inputFormat
        )
        let stored = try store.insertMedia(record)
        logger.info("media stored", metadata: ["media": "\(name)", "sha256": "\(report.outputSHA256)",
                                               "deduplicated": "\(stored.deduplicated)"])
        return stored
    }

    /// Deletes a media item and its file; refused while an alert or schedule refers to it.
    func delete(_ nameOrSHA: String) throws -> MediaRecord {
        let record = try store.resolveMedia(nameOrSHA)
        let deleted = try store.deleteMedia(sha256: record.sha256)
        unlink(path(for: deleted.sha256))
        return deleted
    }

    /// Names are used on the command line and in schedules, so keep them plain.
    static func isValidName(_ name: String) -> Bool {
        guard (1...100).contains(name.count) else { return false }
        return name.unicodeScalars.allSatisfy {
            CharacterSet.alphanumerics.contains($0) || "-_.".unicodeScalars.contains($0)
        }
    }

    private static func syncDirectory(_ path: String) {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        fsync(fd)
        close(fd)
    }
}
