import AudioCodec
import Crypto
import Foundation
import Synchronization

/// Turns (text, voice, settings) into a stored Ogg Opus file once, for the site: a text programme or a text alert
/// is rendered when it arrives, never at air time, and rendering the same words again finds the file.
///
/// Files are named by the SHA-256 of everything that changes the audio: the normalised text, the voice, the rate,
/// the pipeline settings (`BroadcastReady.pipeline`) and the espeak-ng version, so editing any of them renders anew
/// and nothing stale is ever aired. Each file is written atomically (temporary file, fsync, rename), so a failure
/// leaves nothing and a reader never sees half a file. Safe from several threads: renders are serialised on this
/// renderer's lock (synthesis is serialised on the one ``SpeechEngine`` anyway, and a bulletin takes well under a
/// second), so a second request for the same key finds the first one's file. espeak-ng 1.51 does not repeat an
/// utterance bit for bit, which is why the key is taken from the input, not from the audio.
public final class SpeechRenderer: Sendable {
    /// Where rendered files are kept.
    public let directory: String
    /// The pipeline settings (the site's loudness target and Opus settings).
    public let options: EncodeOptions
    /// The abbreviations read out in full.
    public let abbreviations: AbbreviationTable
    private let engine: SpeechEngine
    private let rendering = Mutex(())

    /// A renderer storing into `directory`, which must exist.
    public init(
        directory: String, options: EncodeOptions = EncodeOptions(), abbreviations: AbbreviationTable = .builtIn,
        engine: SpeechEngine = .shared
    ) {
        self.directory = directory
        var options = options
        options.title = ""
        options.replaceExisting = true
        self.options = options
        self.abbreviations = abbreviations
        self.engine = engine
    }

    /// The stored file for `text` spoken with `settings`, rendering it unless an intact one is already there.
    /// `source` names the text in error messages.
    public func render(text: String, settings: SpeechSettings, source: String = "text") throws -> RenderedSpeech {
        try rendering.withLock { _ in try renderLocked(text: text, settings: settings, source: source) }
    }

    private func renderLocked(text: String, settings: SpeechSettings, source: String) throws -> RenderedSpeech {
        let spoken = try SpeechEncoder.prepare(text, source: source, settings: settings, abbreviations: abbreviations)
        let key = try cacheKey(spokenText: spoken, settings: settings)
        let path = "\(directory)/\(key).opus"
        if let bytes = try? MediaFile.readAll(path: path),
           let media = try? BroadcastReady.check(bytes: bytes, path: path, options: options) {
            return RenderedSpeech(path: path, key: key, cached: true, spokenText: spoken,
                                  durationSeconds: media.durationSeconds, bytes: media.bytes, sha256: media.sha256)
        }
        let report = try SpeechEncoder.encode(text: text, source: source, settings: settings, output: path,
                                              abbreviations: abbreviations, options: options, engine: engine)
        return RenderedSpeech(path: path, key: key, cached: false, spokenText: spoken,
                              durationSeconds: report.encoding.durationSeconds, bytes: report.encoding.outputBytes,
                              sha256: report.encoding.outputSHA256)
    }

    /// SHA-256 (hex) of the normalised text, voice, rate, pipeline settings and revision and espeak-ng version.
    public func cacheKey(spokenText: String, settings: SpeechSettings) throws -> String {
        let parts = ["communecast-speech-1", try engine.version, settings.voice, String(settings.rate),
                     BroadcastReady.pipeline(options), "revision=\(BroadcastReady.processingRevision)", spokenText]
        return FileDigest.sha256(Array(parts.joined(separator: "\n").utf8))
    }
}
