import AlertTrust
import Foundation
import HostSystem

/// Reading and writing signed-alert files: read whole with a size limit, written atomically (a reader sees the old
/// file or the new one, never a part), with errors that name the file.
enum EnvelopeFile {
    /// The envelope's bytes; a missing, unreadable or oversized file is an error naming it.
    static func read(_ path: String, policy: AlertTrustPolicy = AlertTrustPolicy()) throws -> [UInt8] {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            let reason = FileManager.default.fileExists(atPath: path) ? "cannot be read" : "does not exist"
            throw CLIError("'\(path)' \(reason)")
        }
        defer { try? handle.close() }
        let data = (try? handle.read(upToCount: policy.maximumEnvelopeBytes + 1)) ?? nil
        guard let data else { throw CLIError("'\(path)' is empty: it is not a signed alert") }
        guard data.count <= policy.maximumEnvelopeBytes else {
            throw CLIError("'\(path)' is larger than \(policy.maximumEnvelopeBytes) bytes: it is not a signed alert")
        }
        return [UInt8](data)
    }

    /// Inspects the envelope in `path`, turning a refusal into an error naming the file.
    static func inspect(_ path: String, trust: ProvincialTrust?, now: Date) async throws -> EnvelopeInspection {
        let bytes = try read(path)
        do {
            return try await EnvelopeInspection(bytes: bytes, trust: trust, now: now)
        } catch {
            throw CLIError("'\(path)' is not a signed alert this tool can read: \(error.detail)")
        }
    }

    /// Writes `envelope` to `path` atomically; an existing file is replaced only with `replace`.
    static func write(_ envelope: AlertEnvelope, to path: String, replace: Bool) throws {
        var bytes = envelope.serialized()
        bytes.append(UInt8(ascii: "\n"))
        do {
            try AtomicFileWriter.write(bytes, to: path, replace: replace)
        } catch AtomicWriteError.exists {
            throw CLIError("'\(path)' already exists; choose another --out or add --force to replace it")
        } catch {
            throw CLIError("\(error)")
        }
    }
}
