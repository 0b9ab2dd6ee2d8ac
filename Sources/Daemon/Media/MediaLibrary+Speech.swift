import AudioCodec
import Foundation
import Speech
import Store
#if canImport(Glibc)
import Glibc
#endif

/// Text programmes and text alerts (issue 16): the site speaks the words once, when the schedule is added or loaded
/// or the alert received, and keeps the result as ordinary media named `speech-<key>`, where the key is the SHA-256
/// of everything that changes the audio: the normalised text (so the normaliser's rules and the site's
/// abbreviations), the voice, the rate, the pipeline settings and revision and espeak-ng's version
/// (`SpeechRenderer.cacheKey`).
/// The same words again find the stored file; nothing is ever synthesised at air time. Callers run this on a thread
/// of their own, never on the control server's event loop or the cooperative pool: a minute of speech takes about a
/// second to encode.
extension MediaLibrary {
    /// Why text was not spoken, for the caller: words that cannot be spoken are the caller's to change
    /// (`invalidParameter`), while a site whose espeak-ng cannot be opened is the site's own fault (`internalError`).
    static func speechFailure(_ error: any Error) -> SiteFailure {
        if case .engineUnavailable? = error as? SpeechError { return .internalError("\(error)") }
        return .invalidParameter("text", "\(error)")
    }

    /// The media name of spoken text with cache key `key`.
    static func speechName(key: String) -> String { "speech-\(key)" }

    /// The stored media speaking `text` with `voice` and `rate` (nil for the defaults), rendering and storing it
    /// unless the same words were rendered before. `source` names the text in messages.
    ///
    /// - Throws: `SiteFailure.invalidParameter("text", …)` when the words cannot be spoken (empty, too long,
    ///   another script, a voice not installed, a rate out of range), or a storage failure.
    func speak(_ text: String, voice: String?, rate: Int?, source: String) throws -> MediaRecord {
        let settings = SpeechSettings(voice: voice ?? SpeechSettings.defaultVoice,
                                      rate: rate ?? SpeechSettings.defaultRate)
        return try speaking.withLock { _ in
            let options = encodeOptions
            let abbreviations: AbbreviationTable
            do {
                abbreviations = try AbbreviationTable.load(files: [])
            } catch {
                throw SiteFailure.internalError("cannot read the site's abbreviations: \(error)")
            }
            let textSHA256: String
            let name: String
            do {
                let valid = try SpeechText.validate(text, source: source)
                textSHA256 = FileDigest.sha256(Array(valid.utf8))
                let spoken = try SpeechEncoder.prepare(valid, source: source, settings: settings,
                                                       abbreviations: abbreviations)
                let renderer = SpeechRenderer(directory: directory, options: options, abbreviations: abbreviations)
                name = Self.speechName(key: try renderer.cacheKey(spokenText: spoken, settings: settings))
            } catch {
                throw Self.speechFailure(error)
            }
            if let record = try store.media(named: name),
               FileManager.default.fileExists(atPath: path(for: record.sha256)) {
                return record
            }
            let encoded = "\(directory)/.speech-\(UUID().uuidString.lowercased()).opus"
            defer { unlink(encoded) }
            let report: SpeechReport
            do {
                var speechOptions = options
                speechOptions.title = ""
                speechOptions.replaceExisting = true
                report = try SpeechEncoder.encode(text: text, source: source, settings: settings, output: encoded,
                                                  abbreviations: abbreviations, options: speechOptions)
            } catch let error as SpeechError {
                throw Self.speechFailure(error)
            } catch {
                throw SiteFailure.internalError("cannot store the speech for \(source): \(error)")
            }
            let stored = try keep(encoded: encoded, report: report.encoding, name: name, textSHA256: textSHA256)
            logger.notice("text spoken", metadata: [
                "media": "\(name)", "text_sha256": "\(textSHA256)", "seconds": "\(report.encoding.durationSeconds)",
                "synthesis_ms": "\(Int(report.synthesisSeconds * 1_000))",
                "encode_ms": "\(Int(report.encodeSeconds * 1_000))",
            ])
            return stored.record
        }
    }
}
