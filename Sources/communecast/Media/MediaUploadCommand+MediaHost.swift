import ArgumentParser
import AudioCodec
import ControlProtocol
import Fleet
import Foundation

extension MediaUploadCommand {
    /// What `media upload --media-host` says it did (`--json`).
    struct MediaHostReply: Encodable {
        let sha256: String
        let url: String
        let bytes: Int
        let outcome: MediaHostClient.Outcome
    }

    /// Puts the encoded file once on the media host (issue 15 §5), unless it is there already.
    func putOnMediaHost(_ parameters: Site.UploadMedia.Parameters, host: String) async throws {
        guard let data = Data(base64Encoded: parameters.data) else { throw CLIError("cannot prepare the upload") }
        let bytes = [UInt8](data)
        let sha256 = FileDigest.sha256(bytes)
        let client = try connection.mediaHostClient(for: host)
        Terminal.progress("putting \(Terminal.bytes(bytes.count)) on \(client.host)…")
        let outcome: MediaHostClient.Outcome
        do {
            outcome = try await client.put(bytes, sha256: sha256)
        } catch {
            Terminal.endProgress()
            throw CLIError(error.description)
        }
        Terminal.endProgress()
        let reply = MediaHostReply(sha256: sha256, url: client.url(sha256), bytes: bytes.count, outcome: outcome)
        if json { return try Terminal.printJSON(reply) }
        print("\(outcome == .stored ? "stored on" : "already on") the media host: \(reply.url) "
              + "(\(Terminal.bytes(bytes.count)), sha256 \(sha256))")
    }
}
