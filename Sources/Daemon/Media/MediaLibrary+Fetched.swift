import AudioCodec
import Foundation
import HostSystem
import Store
#if canImport(Glibc)
import Glibc
#endif

extension MediaLibrary {
    /// Where a download of `sha256` from the media host grows: a dot file in the media directory, so a start-up's
    /// ``reconcile()`` removes what a stopped daemon left.
    func partialPath(for sha256: String) -> String { "\(directory)/.fetch-\(sha256).part" }

    /// Stores a file fetched by hash (issue 15, docs/call-home.md "Media"): it must be `sha256` byte for byte, and a
    /// file our pipeline made with this site's settings (``BroadcastReady``, as an upload stored as sent), since a
    /// file encoded again would no longer be the one the alert names. The file is moved into place (fsynced,
    /// renamed) and recorded as `fetched-` and the hash's first 16 digits; on any refusal it is removed.
    func adopt(partial path: String, sha256: String) throws -> MediaRecord {
        defer { unlink(path) }
        let bytes: [UInt8]
        do {
            bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            throw SiteFailure.internalError("cannot read the fetched media \(path): \(error)")
        }
        let actual = FileDigest.sha256(bytes)
        guard actual == sha256 else {
            throw SiteFailure.invalidMedia("the media host's file has SHA-256 \(actual), not \(sha256)")
        }
        let ready: BroadcastReady.Media?
        do {
            ready = try BroadcastReady.check(bytes: bytes, path: "\(sha256).opus", options: encodeOptions)
        } catch {
            throw SiteFailure.invalidMedia("\(error)")
        }
        guard let ready else {
            throw SiteFailure.invalidMedia("\(sha256).opus is not Ogg Opus made by CommuneCast with this site's "
                                           + "settings (media encode with the site's target and bitrate)")
        }
        if !FileManager.default.fileExists(atPath: self.path(for: sha256)) {
            chmod(path, StateDirectory.fileMode)
            do {
                try AtomicFileWriter.moveIntoPlace(path, as: self.path(for: sha256))
            } catch {
                throw SiteFailure.internalError("cannot move fetched media into place: \(error)")
            }
        }
        return try record(ready, name: "fetched-\(sha256.prefix(16))",
                          source: "Ogg Opus fetched by SHA-256 from the media host").record
    }
}
