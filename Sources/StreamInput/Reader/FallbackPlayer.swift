import AudioCodec

/// What plays when no URL can: silence, or a stored file looped from its start, faded in so the switch never clicks.
/// Decoded once, when the reader starts, to mono 48 kHz (stored announcements are short).
struct FallbackPlayer: Sendable {
    private let samples: [Float]
    private var position = 0
    private var fadeIn = 0

    /// Loads `fallback`; a file that cannot be read gives silence and the reason.
    static func load(_ fallback: StreamFallback) -> (FallbackPlayer, String?) {
        guard case let .media(path) = fallback else { return (FallbackPlayer(samples: []), nil) }
        do {
            let source = try MediaSource.open(path: path).decoder
            var mono = try source.readAll()
            let channels = source.format.channels
            if channels > 1 {
                mono = stride(from: 0, to: mono.count - channels + 1, by: channels).map { start in
                    mono[start..<(start + channels)].reduce(0, +) / Float(channels)
                }
            }
            if source.format.sampleRate != 48_000 {
                let resampler = try SpeexResampler(channels: 1, from: source.format.sampleRate, to: 48_000)
                var converted: [Float] = []
                mono.withUnsafeBufferPointer { resampler.process($0, into: &converted) }
                resampler.flush(into: &converted)
                mono = converted
            }
            return (FallbackPlayer(samples: mono), nil)
        } catch {
            return (FallbackPlayer(samples: []), "\(path): \(error)")
        }
    }

    private init(samples: [Float]) { self.samples = samples }

    /// Restarts from the beginning with a fade-in: called each time the fallback goes on air.
    mutating func restart() {
        position = 0
        fadeIn = JitterBuffer.fadeFrames
    }

    /// Fills `buffer` with the next samples of the loop, or silence.
    mutating func pull(into buffer: UnsafeMutableBufferPointer<Float>) {
        guard !samples.isEmpty else {
            buffer.update(repeating: 0)
            return
        }
        for index in buffer.indices {
            var sample = samples[position]
            if fadeIn > 0 {
                sample *= Float(JitterBuffer.fadeFrames - fadeIn + 1) / Float(JitterBuffer.fadeFrames)
                fadeIn -= 1
            }
            buffer[index] = sample
            position = position + 1 == samples.count ? 0 : position + 1
        }
    }
}
