import AudioCodec
import Foundation

/// Text to a broadcast-ready Ogg Opus file: validate, normalise, synthesise with espeak-ng, then the same pipeline
/// as every announcement (speexdsp to 48 kHz, EBU R128 loudness with the true-peak ceiling, Opus, atomic write).
public enum SpeechEncoder {
    /// Speaks `text` into `output`. `source` names the text in messages (`--text` or a file). On any error nothing
    /// is left at `output`.
    public static func encode(
        text: String, source: String, settings: SpeechSettings, output: String,
        abbreviations: AbbreviationTable = .builtIn, options: EncodeOptions = EncodeOptions(),
        engine: SpeechEngine = .shared
    ) throws -> SpeechReport {
        let spoken = try prepare(text, source: source, settings: settings, abbreviations: abbreviations)
        let clock = ContinuousClock()
        var samples: [Float] = []
        let synthesis = try clock.measure { samples = try engine.synthesize(spoken, voice: settings.voice,
                                                                            rate: settings.rate) }
        guard samples.contains(where: { $0 != 0 }) else { throw SpeechError.silent(source: source) }
        var options = options
        if options.title == nil { options.title = title(for: text, source: source) }
        let rate = try engine.sampleRate
        let description = "espeak-ng \(try engine.version) voice \(settings.voice) at \(settings.rate) words/min, "
            + AudioFormat(sampleRate: rate, channels: 1).description
        var report: EncodeReport?
        let encoding = try clock.measure {
            report = try MediaEncoder.encode(
                decoder: SampleBufferSource(samples: samples, format: AudioFormat(sampleRate: rate, channels: 1)),
                inputFormat: description, input: source, output: output, options: options
            )
        }
        return SpeechReport(source: source, spokenText: spoken, voice: settings.voice, rate: settings.rate,
                            synthesisSeconds: synthesis.seconds, encodeSeconds: encoding.seconds, encoding: report!)
    }

    /// Validates and normalises `text`, and checks the rate: the words espeak-ng will be given.
    public static func prepare(
        _ text: String, source: String, settings: SpeechSettings, abbreviations: AbbreviationTable
    ) throws(SpeechError) -> String {
        guard SpeechError.rates.contains(settings.rate) else { throw .rateOutOfRange(rate: settings.rate) }
        let valid = try SpeechText.validate(text, source: source)
        let spoken = VietnameseNormaliser(dialect: settings.dialect, abbreviations: abbreviations).normalise(valid)
        guard spoken.contains(where: { $0.isLetter }) else { throw .silent(source: source) }
        return spoken
    }

    /// The TITLE tag: the text file's name, or the first words of the text.
    static func title(for text: String, source: String) -> String {
        if source != "--text" { return URL(fileURLWithPath: source).deletingPathExtension().lastPathComponent }
        let words = text.split(whereSeparator: \.isWhitespace).prefix(8).joined(separator: " ")
        return words.count > 60 ? String(words.prefix(60)) : words
    }
}

extension Duration {
    /// The duration in seconds, for reports.
    var seconds: Double {
        let parts = components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }
}
