import Foundation

/// Generated signals that must never depend on a stored file: the alert attention signal that precedes every
/// emergency (DESIGN §3) and a gentler chime for ordinary notices.
public enum ToneKind: String, Sendable, CaseIterable, Codable {
    /// 853 Hz and 960 Hz sounded together, the internationally recognised alert attention signal.
    case attention
    /// A descending two-note chime (E5 then C5) with a bell-like decay.
    case chime

    /// The length used when the caller does not choose one.
    public var defaultSeconds: Double {
        switch self {
        case .attention: 8
        case .chime: 2.5
        }
    }
}

/// Produces tones as mono 48 kHz float samples.
public enum ToneGenerator {
    /// Fade in and out at each end of the attention signal, long enough to avoid clicks.
    public static let fadeSeconds = 0.05

    /// Renders `kind` for `seconds` at a peak below full scale; loudness is normalised later like any media.
    public static func render(_ kind: ToneKind, seconds: Double, sampleRate: Int = 48_000) -> [Float] {
        let count = max(0, Int((seconds * Double(sampleRate)).rounded()))
        var samples = [Float](repeating: 0, count: count)
        let rate = Double(sampleRate)
        switch kind {
        case .attention:
            let fade = min(Int(fadeSeconds * rate), count / 2)
            for index in 0..<count {
                let time = Double(index) / rate
                var value = 0.45 * sin(2 * .pi * 853 * time) + 0.45 * sin(2 * .pi * 960 * time)
                if index < fade { value *= Double(index) / Double(fade) }
                if index >= count - fade { value *= Double(count - 1 - index) / Double(fade) }
                samples[index] = Float(value)
            }
        case .chime:
            let notes: [(frequency: Double, start: Double)] = [(659.25, 0), (523.25, min(0.6, seconds / 3))]
            let attack = 0.005
            for note in notes {
                let first = Int(note.start * rate)
                guard first < count else { continue }
                for index in first..<count {
                    let time = Double(index - first) / rate
                    let envelope = min(1, time / attack) * exp(-time * 2.2)
                    let partials = sin(2 * .pi * note.frequency * time)
                        + 0.3 * sin(2 * .pi * note.frequency * 2 * time)
                        + 0.1 * sin(2 * .pi * note.frequency * 3 * time)
                    samples[index] += Float(0.4 * envelope * partials)
                }
            }
            let fade = min(Int(fadeSeconds * rate), count)
            for offset in 0..<fade { samples[count - 1 - offset] *= Float(offset) / Float(fade) }
        }
        return samples
    }
}
