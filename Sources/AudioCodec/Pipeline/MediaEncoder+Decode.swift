extension MediaEncoder {
    /// The memory the pipeline holds per sample of the mono signal at the input's rate, bytes, with room to spare:
    /// 11.8 were measured (peak RSS less the process's own, for five minutes of 48 kHz noise that needed limiting;
    /// BENCHMARKS.md, "Memory of an encode"): about three 32-bit copies, the decoded signal, the limiter's output
    /// and its first pass queued for the two encoders.
    public static let bytesPerFrame = 16

    /// The refusal of a signal of `frames` frames at `sampleRate` under the length and memory limits of `options`,
    /// nil within both. `seconds` is the length the message names, the frames' own when nil (a caller checking a
    /// header's declared length compares a second less, since headers round, and names the length as declared).
    public static func refusal(
        frames: Int, sampleRate: Int, path: String, options: EncodeOptions, seconds: Double? = nil
    ) -> MediaError? {
        let seconds = seconds ?? Double(frames) / Double(sampleRate)
        if frames > Int(options.maxDurationSeconds * Double(sampleRate)) {
            return .tooLong(path: path, seconds: seconds, limitSeconds: options.maxDurationSeconds)
        }
        guard let limit = options.maxSignalMemoryBytes, frames * bytesPerFrame > limit else { return nil }
        return .needsTooMuchMemory(path: path, seconds: seconds, neededBytes: frames * bytesPerFrame,
                                   limitBytes: limit)
    }

    /// Decodes the whole source to mono at its own rate, takes the rumble off (`RumbleFilter`), enforces the length
    /// and memory limits and rejects empty audio. The stages overlap: decoding, downmixing, filtering and the sample
    /// peak on one thread, collecting on the caller's, and the integrated loudness on another, so both are known
    /// when the last sample is. Nothing is resampled here: the encoder does it as it encodes, so the gain search can
    /// start as soon as the file is read.
    static func decodeToMono(
        _ decoder: sending PCMSource, path: String, options: EncodeOptions, progress: Progress?
    ) throws -> (samples: [Float], measured: (lufs: Double, samplePeak: Double)) {
        let format = decoder.format
        let frameCount = decoder.frameCount
        let refusal = { (frames: Int) in
            Self.refusal(frames: frames, sampleRate: format.sampleRate, path: path, options: options)
        }
        if let total = frameCount, let error = refusal(total) { throw error }
        var output: [Float] = []
        if let total = frameCount { output.reserveCapacity(total) }
        // Decoding and downmixing run on a thread of their own; the caller collects, the meter measures.
        let queue = ChunkQueue<[Float]>(capacity: 8)
        let reader = BackgroundValue("cc-decode") { () throws -> Float in
            defer { queue.finish() }
            let chunkFrames = 16_384
            var chunk = [Float](repeating: 0, count: chunkFrames * format.channels)
            var framesRead = 0
            var peak: Float = 0
            var filter = RumbleFilter(sampleRate: format.sampleRate)
            while true {
                let frames = try chunk.withUnsafeMutableBufferPointer { try decoder.read(into: $0) }
                if frames == 0 { return peak }
                framesRead += frames
                if let error = refusal(framesRead) { throw error }
                var mono = [Float](repeating: 0, count: frames)
                downmix(chunk, frames: frames, channels: format.channels, into: &mono)
                peak = max(peak, filter.apply(&mono))
                queue.put(mono)
                if let total = frameCount, total > 0 {
                    progress?(.decoding, Double(framesRead) / Double(total))
                }
            }
        }
        let measuring = ChunkQueue<[Float]>(capacity: 64)
        let meter = BackgroundValue("cc-measure") { () throws -> Double in
            defer { while measuring.take() != nil {} }
            let meter = try LoudnessMeter(format: AudioFormat(sampleRate: format.sampleRate, channels: 1),
                                          truePeak: false)
            while let chunk = measuring.take() { chunk.withUnsafeBufferPointer { meter.add($0) } }
            return meter.integratedLoudness
        }
        defer { measuring.finish() }
        while let mono = queue.take() {
            output.append(contentsOf: mono)
            measuring.put(mono)
        }
        let peak = try reader.value
        measuring.finish()
        guard !output.isEmpty else { throw MediaError.empty(path: path) }
        return (output, (try meter.value, Decibels.fromLinear(Double(peak))))
    }

    /// Averages interleaved channels into `mono`.
    static func downmix(_ interleaved: [Float], frames: Int, channels: Int, into mono: inout [Float]) {
        interleaved.withUnsafeBufferPointer { input in
            mono.withUnsafeMutableBufferPointer { out in
                switch channels {
                case 1:
                    for index in 0..<frames { out[index] = input[index] }
                case 2:
                    for index in 0..<frames { out[index] = 0.5 * (input[2 * index] + input[2 * index + 1]) }
                default:
                    let scale = 1 / Float(channels)
                    for index in 0..<frames {
                        var sum: Float = 0
                        for channel in 0..<channels { sum += input[index * channels + channel] }
                        out[index] = sum * scale
                    }
                }
            }
        }
    }
}
