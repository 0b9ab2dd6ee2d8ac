/// Converts a long mono signal to another rate with speexdsp on two cores, giving exactly, sample for sample, what
/// one `SpeexResampler` gives: resampling is the costliest stage of an import before Opus, and a single resampler
/// keeps it on one core.
///
/// The input is cut into segments of a whole number of the rate ratio's periods (147 input frames for 44.1 →
/// 48 kHz), where the resampler's phase is zero. Each segment is converted by a fresh resampler fed `margin`
/// frames before it (more than its filter reaches, also a whole number of periods), whose outputs for those frames
/// are dropped, and `margin` frames after it, so every output it keeps is computed from the same input samples at
/// the same phase as a single resampler would. Segments go in pairs: the first to a helper thread, the second on
/// the caller's, and their outputs are appended in order. The last segment is flushed as `SpeexResampler` is, so
/// N input frames still give round(N × out / in) output frames.
final class SegmentedResampler {
    /// One segment to convert: its input with the margins, the outputs to drop, and how many to keep (nil: all,
    /// after a flush).
    private struct Job: Sendable {
        var input: [Float]
        var skip: Int
        var keep: Int?
    }

    private let inputRate: Int
    private let outputRate: Int
    private let quality: Int32
    /// Input frames per segment: whole periods of the ratio, about `segmentSeconds`.
    let segmentFrames: Int
    /// Input frames read before and after a segment, whole periods.
    let margin: Int
    /// Input and output frames per period of the ratio.
    private let period: (input: Int, output: Int)
    /// Input not yet converted, from global frame `pendingStart`, with the margin before the next segment.
    private var pending: [Float] = []
    private var pendingStart = 0
    /// Global input frame where the next segment starts.
    private var nextSegment = 0
    private let jobs = ChunkQueue<Job>(capacity: 1)
    private let results = ChunkQueue<Result<[Float], Error>>(capacity: 1)

    /// Creates a converter from `inputRate` to `outputRate` at speexdsp `quality`, cutting segments of about
    /// `segmentSeconds`, and starts its helper thread.
    init(from inputRate: Int, to outputRate: Int, quality: Int32 = SpeexResampler.defaultQuality,
         segmentSeconds: Double = 4) throws {
        self.inputRate = inputRate
        self.outputRate = outputRate
        self.quality = quality
        var common = inputRate
        var other = outputRate
        while other != 0 { (common, other) = (other, common % other) }
        period = (inputRate / common, outputRate / common)
        let latency = try SpeexResampler(channels: 1, from: inputRate, to: outputRate, quality: quality).inputLatency
        margin = (2 * latency / period.input + 2) * period.input
        segmentFrames = max(1, Int(segmentSeconds * Double(inputRate)) / period.input) * period.input
        let jobs = jobs
        let results = results
        let rates = (inputRate, outputRate, quality)
        _ = BackgroundValue("communecast-resample") {
            while let job = jobs.take() {
                results.put(Result { try Self.convert(job, from: rates.0, to: rates.1, quality: rates.2) })
            }
        }
    }

    deinit { jobs.finish() }

    /// Converts `input` and appends what is ready to `output`; the rest follows with later input or `flush`.
    func process(_ input: UnsafeBufferPointer<Float>, into output: inout [Float]) throws {
        pending.append(contentsOf: input)
        while pendingStart + pending.count >= nextSegment + 2 * segmentFrames + margin {
            jobs.put(job(at: nextSegment))
            let second = try Self.convert(job(at: nextSegment + segmentFrames), from: inputRate, to: outputRate,
                                          quality: quality)
            guard let first = results.take() else { throw MediaError.library(
                function: "resample", code: -1, message: "the resampling thread stopped") }
            output.append(contentsOf: try first.get())
            output.append(contentsOf: second)
            advance(by: 2 * segmentFrames)
        }
    }

    /// Converts what is left, the filter's tail included, and ends the helper thread.
    func flush(into output: inout [Float]) throws {
        defer { jobs.finish() }
        while pendingStart + pending.count >= nextSegment + segmentFrames + margin {
            output.append(contentsOf: try Self.convert(job(at: nextSegment), from: inputRate, to: outputRate,
                                                       quality: quality))
            advance(by: segmentFrames)
        }
        let priming = min(margin, nextSegment)
        let last = Job(input: Array(pending[(nextSegment - priming - pendingStart)...]),
                       skip: priming / period.input * period.output, keep: nil)
        output.append(contentsOf: try Self.convert(last, from: inputRate, to: outputRate, quality: quality,
                                                   flush: true))
    }

    /// The segment starting at global input frame `start`, with its margins.
    private func job(at start: Int) -> Job {
        let priming = min(margin, start)
        let from = start - priming - pendingStart
        let input = Array(pending[from..<(start + segmentFrames + margin - pendingStart)])
        return Job(input: input, skip: priming / period.input * period.output,
                   keep: segmentFrames / period.input * period.output)
    }

    /// Moves past converted segments, keeping the margin the next one reads before it.
    private func advance(by frames: Int) {
        nextSegment += frames
        let drop = nextSegment - margin - pendingStart
        if drop > 0 {
            pending.removeFirst(drop)
            pendingStart += drop
        }
    }

    private static func convert(
        _ job: Job, from inputRate: Int, to outputRate: Int, quality: Int32, flush: Bool = false
    ) throws -> [Float] {
        let resampler = try SpeexResampler(channels: 1, from: inputRate, to: outputRate, quality: quality)
        var converted: [Float] = []
        converted.reserveCapacity(job.input.count * outputRate / inputRate + 64)
        job.input.withUnsafeBufferPointer { resampler.process($0, into: &converted) }
        if flush { resampler.flush(into: &converted) }
        let end = job.keep.map { job.skip + $0 } ?? converted.count
        guard end <= converted.count, job.skip <= end else {
            throw MediaError.library(function: "resample", code: -1,
                                     message: "a segment gave \(converted.count) frames, \(end) were needed")
        }
        return Array(converted[job.skip..<end])
    }
}
