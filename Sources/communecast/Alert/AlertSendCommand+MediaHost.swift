import ArgumentParser
import AudioCodec
import Fleet
import Foundation

extension AlertSendCommand {
    /// Makes sure the media host serves the media `sha256` the alert names before the alert is published (issue 15
    /// §5): the sites fetch it from there. Puts `--media FILE` there when the host lacks it; fails, publishing
    /// nothing, when it cannot.
    func ensureOnMediaHost(_ sha256: String) async throws {
        guard let mediaHost else {
            throw CLIError("'\(file)' names media \(sha256): give --media-host URL (the province media host the "
                           + "sites fetch it from), and --media FILE if it is not there yet")
        }
        let client = try connection.mediaHostClient(for: mediaHost)
        do {
            guard let mediaFile else {
                var served = false
                if let size = try await client.size(sha256) { served = size > 0 }
                guard served else {
                    throw CLIError("the media host lacks \(client.url(sha256)): give --media FILE (the encoded "
                                   + "file the alert names) or run communecast media upload FILE --media-host "
                                   + "\(mediaHost) first; nothing was published")
                }
                return
            }
            let bytes: [UInt8]
            do {
                bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: mediaFile)))
            } catch {
                throw ValidationError("--media: cannot read '\(mediaFile)': \(error.localizedDescription)")
            }
            let actual = FileDigest.sha256(bytes)
            guard actual == sha256 else {
                throw CLIError("--media '\(mediaFile)' has SHA-256 \(actual), but '\(file)' names \(sha256); "
                               + "nothing was published")
            }
            Terminal.progress("alert send: making sure \(client.url(sha256)) is there")
            defer { Terminal.endProgress() }
            _ = try await client.put(bytes, sha256: sha256)
        } catch let error as MediaHostError {
            throw CLIError("\(error.description); nothing was published")
        }
    }
}
