extension MediaEncoder {
    /// Decodes the whole source to mono 48 kHz, enforcing the length limit and rejecting empty audio. Three stages
    /// overlap: decoding and downmixing on one thread, resampling on the caller's and a helper (`SegmentedResampler`),
    /// and the integrated loudness and sample peak of the resampled signal on another, so both are known when the
    /// last sample is.
    static func decodeToBroadcast(
        _ decoder: PCMSource, path: String, options: EncodeOptions, progress: Progress?
    ) throws -> (samples: [Float], measured: (lufs: Double, samplePeak: Double)) {
        let format = decoder.format
        let limitFrames = Int(options.maxDurationSeconds * Double(format.sampleRate))
        if let total = decoder.frameCount, total > limitFrames {
            throw MediaError.tooLong(path: path, seconds: Double(total) / Double(format.sampleRate),
                                     limitSeconds: options.maxDurationSeconds)
        }
        let resampler = format.sampleRate == 48_000
            ? nil : try SegmentedResampler(from: format.sampleRate, to: 48_000)
        var output: [Float] = []
        if let total = decoder.frameCount {
            output.reserveCapacity(Int(Double(total) * 48_000 / Double(format.sampleRate)) + 1_024)
        }
        // Decoding and downmixing run on a thread of their own; resampling runs here, on the other core.
        let queue = ChunkQueue<[Float]>(capacity: 8)
        let reader = BackgroundValue("communecast-decode") { () throws -> Int in
            defer { queue.finish() }
            let chunkFrames = 16_384
            var chunk = [Float](repeating: 0, count: chunkFrames * format.channels)
            var framesRead = 0
            while true {
                let frames = try chunk.withUnsafeMutableBufferPointer { try decoder.read(into: $0) }
                if frames == 0 { return framesRead }
                framesRead += frames
                if framesRead > limitFrames {
                    throw MediaError.tooLong(path: path, seconds: Double(framesRead) / Double(format.sampleRate),
                                             limitSeconds: options.maxDurationSeconds)
                }
                var mono = [Float](repeating: 0, count: frames)
                downmix(chunk, frames: frames, channels: format.channels, into: &mono)
                queue.put(mono)
                if let total = decoder.frameCount, total > 0 {
                    progress?(.decoding, Double(framesRead) / Double(total))
                }
            }
        }
        let measuring = ChunkQueue<[Float]>(capacity: 64)
        let meter = BackgroundValue("communecast-measure") { () throws -> (lufs: Double, samplePeak: Double) in
            defer { while measuring.take() != nil {} }
            let meter = try LoudnessMeter(format: .broadcast, truePeak: false)
            var peak = -Double.infinity
            while let chunk = measuring.take() {
                chunk.withUnsafeBufferPointer {
                    meter.add($0)
                    peak = max(peak, LoudnessMeter.samplePeak($0))
                }
            }
            return (meter.integratedLoudness, peak)
        }
        var measured = 0
        let handOver = {
            measuring.put(Array(output[measured...]))
            measured = output.count
        }
        defer { measuring.finish() }
        while let mono = queue.take() {
            if let resampler {
                try mono.withUnsafeBufferPointer { try resampler.process($0, into: &output) }
            } else {
                output.append(contentsOf: mono)
            }
            handOver()
        }
        _ = try reader.value
        try resampler?.flush(into: &output)
        handOver()
        measuring.finish()
        guard !output.isEmpty else { throw MediaError.empty(path: path) }
        return (output, try meter.value)
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
