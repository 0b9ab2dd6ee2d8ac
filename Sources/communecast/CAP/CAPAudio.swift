import AudioCodec
import CAPIntake
import Fleet
import Foundation
import MediaImport

/// An audio `resource` made ready to air: its bytes taken inline (`derefUri`) or fetched from an allowed host,
/// checked against the policy's size limit, the `size` element and the SHA-1 `digest`, then imported like any
/// announcement (loudness-normalised mono Ogg Opus) into `directory/<sha256>.opus`, the name sites store it under.
enum CAPAudio {
    /// The SHA-256 of the imported media, or an error saying what is wrong with the resource.
    static func prepare(_ resource: CAPResource, policy: CAPPolicy, directory: String) async throws -> String {
        let bytes = try await fetch(resource, policy: policy)
        guard bytes.count <= policy.audio.maximumBytes else {
            throw CLIError("\(resource.path): \(bytes.count) bytes, over the policy's \(policy.audio.maximumBytes)")
        }
        if let size = resource.size, size != bytes.count {
            throw CLIError("\(resource.path)/size says \(size) bytes; the resource has \(bytes.count)")
        }
        if let digest = resource.digest {
            let actual = CAPResource.sha1Hex(bytes)
            guard actual == digest else {
                throw CLIError("\(resource.path)/digest is \(digest); the resource's SHA-1 is \(actual)")
            }
        }
        let scratch = "\(directory)/.cap-audio-\(UUID().uuidString.prefix(8))"
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        do {
            try Data(bytes).write(to: URL(fileURLWithPath: scratch))
            var options = EncodeOptions.onThisMachine
            options.replaceExisting = true
            options.title = ""
            let report = try MediaImporter.encode(input: scratch, output: scratch + ".opus", options: options)
            let destination = "\(directory)/\(report.outputSHA256).opus"
            if FileManager.default.fileExists(atPath: destination) {
                try FileManager.default.removeItem(atPath: scratch + ".opus")
            } else {
                try FileManager.default.moveItem(atPath: scratch + ".opus", toPath: destination)
            }
            return report.outputSHA256
        } catch {
            try? FileManager.default.removeItem(atPath: scratch + ".opus")
            throw CLIError("\(resource.path) (\(resource.mimeType)) cannot be imported: \(error)")
        }
    }

    private static func fetch(_ resource: CAPResource, policy: CAPPolicy) async throws -> [UInt8] {
        if let inline = resource.derefUri {
            let estimate = inline.utf8.count / 4 * 3
            guard estimate <= policy.audio.maximumBytes + 3 else {
                throw CLIError("\(resource.path)/derefUri holds about \(estimate) bytes, over the policy's "
                               + "\(policy.audio.maximumBytes)")
            }
            guard let data = Data(base64Encoded: inline, options: .ignoreUnknownCharacters) else {
                throw CLIError("\(resource.path)/derefUri is not base64")
            }
            return [UInt8](data)
        }
        guard let uri = resource.uri else { throw CLIError("\(resource.path) has neither derefUri nor uri") }
        let hosts = policy.audio.hosts
        do {
            let result = try await HTTPFetcher.fetch(HTTPFetch(url: uri, maximumBytes: policy.audio.maximumBytes)) {
                hosts.contains($0.host?.lowercased() ?? "")
            }
            return result.body
        } catch {
            throw CLIError("\(resource.path)/uri: \(error)")
        }
    }
}
