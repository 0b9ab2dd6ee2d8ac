import Synchronization

/// Encodes one long mono signal to a single Ogg Opus stream on both cores: two libopusenc encoders take its two
/// halves at once, and their packets are muxed into one stream with libogg, behind the header pages of an encoder
/// with the same settings. Opus encoding is what an import spends its time on, and one encoder uses one core.
///
/// The halves join at a packet boundary `join` that also falls on a whole 48 kHz sample, so both encoders resample
/// from the same phase and the second encoder's packets sit exactly on the first's frame grid. Neither half starts
/// or stops cold: the second encoder is first fed `context` (two seconds) before the join, whose packets are dropped,
/// and the first runs on two seconds past it, so each sees what a single encoder would see there (level, pitch,
/// the speech/music analysis, the bit reservoir). On a sustained vowel across the join the second encoder's packets
/// are then the single encoder's, and the decoded stream matches one encoder's window for window; started cold at
/// the join it doubles the coding error of the 20 ms before it (`TwoCoreEncodeTests`). After the join the two
/// encoders may allot bits differently from a single one, as any two valid codings of a signal differ.
final class TwoCoreOpusEncoder: SignalEncoder, @unchecked Sendable {
    /// Where a signal of a given length is split, in input samples.
    struct Plan: Equatable {
        /// The first input sample of the second half.
        let join: Int
        /// How much of the signal before `join` the second encoder is fed and drops, and the first one encodes
        /// beyond it.
        let context: Int
        let count: Int
        let sampleRate: Int
        let frameSamples: Int

        /// The second half's first packet.
        var joinPacket: Int { join * 48_000 / sampleRate / frameSamples }
        /// The second encoder's packets before the join.
        var contextPackets: Int { context * 48_000 / sampleRate / frameSamples }
        /// Where the first encoder's input ends and the second one's starts.
        var firstEnd: Int { min(count, join + context) }
        var secondStart: Int { join - context }
    }

    /// The plan for `count` samples at `sampleRate`, or nil when the signal is shorter than `minimum` samples or
    /// too short to leave both halves their context.
    static func plan(count: Int, sampleRate: Int, frameMilliseconds: Int, minimum: Int) -> Plan? {
        guard count >= minimum, sampleRate > 0 else { return nil }
        let frame = 48 * frameMilliseconds
        let common = gcd(sampleRate, 48_000)
        // The fewest input samples that make a whole number of 48 kHz frames.
        let unit = sampleRate / common * (frame / gcd(frame, 48_000 / common))
        let context = (2 * sampleRate + unit - 1) / unit * unit
        let join = count / 2 / unit * unit
        guard join - context > 0, count - join > 2 * context else { return nil }
        return Plan(join: join, context: context, count: count, sampleRate: sampleRate, frameSamples: frame)
    }

    private static func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? a : gcd(b, a % b) }

    private let plan: Plan
    /// Unbounded, so that the producer never waits on one half while the other has nothing to do. A slice of the
    /// caller's whole signal costs nothing; the limiter's one-second pieces are held until encoded, at most one
    /// copy of the signal beside the one the pipeline keeps.
    private let first = ChunkQueue<ArraySlice<Float>>(capacity: .max)
    private let second = ChunkQueue<ArraySlice<Float>>(capacity: .max)
    /// The first encoder's count of audio packets.
    private let firstHalf: BackgroundValue<Int>
    /// The second encoder's packets from the join on, and its look-ahead (the stream's pre-skip).
    private let secondHalf: BackgroundValue<(packets: [[UInt8]], lookahead: Int)>
    private let pages: OggAudioPageWriter
    private let shared = Shared()
    private var written = 0

    /// What both encoders' threads and this object share.
    private final class Shared: Sendable {
        /// The first error writing a page met on the first encoder's thread.
        let failure = Mutex<Error?>(nil)
        /// Set when the encoder is dropped unfinished: no page is written after that.
        let dropped = Atomic<Bool>(false)
        /// Samples encoded so far, both halves.
        let encoded = Atomic<Int>(0)
    }

    /// Starts both encoders. `headerPages` pages were already written before this stream; `gain` multiplies every
    /// sample; `progress` hears the fraction encoded, from both encoders' threads.
    init(
        plan: Plan, settings: OpusEncoderSettings, headerPages: Int, gain: Float,
        progress: (@Sendable (Double) -> Void)?, sink: @escaping OggOpusEncoder.Sink
    ) throws {
        guard let serial = settings.serialNumber else {
            throw MediaError.library(function: "two-core encoder", code: -1, message: "no Ogg serial number")
        }
        self.plan = plan
        pages = OggAudioPageWriter(serialNumber: serial, headerPages: headerPages, sink: sink)
        let shared = shared
        let total = Double(plan.firstEnd + plan.count - plan.secondStart)
        let report: @Sendable (Int) -> Void = { count in
            let done = shared.encoded.add(count, ordering: .relaxed).newValue
            progress?(Double(done) / total)
        }
        // The page writer is the first encoder's thread's until `finish` has joined that thread.
        nonisolated(unsafe) let pages = pages
        firstHalf = BackgroundValue("cc-encode-1", { [first] in
            let made = try Self.encode(first, settings: settings, rate: plan.sampleRate, gain: gain,
                                       report: report) { packet, index in
                // Packets past the join, made from the context after it, are left to the second half.
                guard index < plan.joinPacket, !shared.dropped.load(ordering: .relaxed) else { return }
                do {
                    try pages.add(packet, granule: Int64((index + 1) * plan.frameSamples), last: false)
                } catch {
                    shared.failure.withLock { $0 = $0 ?? error }
                }
            }
            return made.audio
        })
        secondHalf = BackgroundValue("cc-encode-2", { [second] in
            var packets: [[UInt8]] = []
            let made = try Self.encode(second, settings: settings, rate: plan.sampleRate, gain: gain,
                                       report: report) { packet, index in
                if index >= plan.contextPackets { packets.append(packet) }
            }
            return (packets, made.lookahead)
        })
    }

    /// An encoder dropped before `finish` (the speculative pass was not kept) stops both threads and writes nothing
    /// more.
    deinit {
        shared.dropped.store(true, ordering: .relaxed)
        first.abandon()
        second.abandon()
    }

    /// Hands over the next samples of the signal; from one thread, in order.
    func write(_ samples: ArraySlice<Float>) throws {
        let start = written
        written += samples.count
        let base = samples.startIndex - start
        if start < plan.firstEnd {
            first.put(samples[(base + start)..<(base + min(written, plan.firstEnd))])
            if written >= plan.firstEnd { first.finish() }
        }
        if written > plan.secondStart {
            second.put(samples[(base + max(start, plan.secondStart))..<(base + written)])
        }
    }

    /// Waits for both encoders and writes the second half's packets, the last one ending the stream.
    func finish() throws {
        first.finish()
        second.finish()
        guard written == plan.count else {
            throw MediaError.library(function: "two-core encoder", code: -1,
                                     message: "given \(written) samples of \(plan.count)")
        }
        let firstPackets = try firstHalf.value
        let (packets, preSkip) = try secondHalf.value
        if let error = shared.failure.withLock({ $0 }) { throw error }
        let end = (plan.count * 48_000 + plan.sampleRate - 1) / plan.sampleRate + preSkip
        let lastEnd = (plan.joinPacket + packets.count) * plan.frameSamples
        guard firstPackets >= plan.joinPacket, !packets.isEmpty, lastEnd >= end, lastEnd - plan.frameSamples < end
        else {
            throw MediaError.library(
                function: "two-core encoder", code: -1,
                message: "the halves do not meet (\(firstPackets) and \(packets.count) packets, join at " +
                    "\(plan.joinPacket), end at \(end))"
            )
        }
        for (offset, packet) in packets.enumerated() {
            let last = offset == packets.count - 1
            let granule = last ? end : (plan.joinPacket + offset + 1) * plan.frameSamples
            try pages.add(packet, granule: Int64(granule), last: last)
        }
    }

    /// Encodes what `queue` delivers with one libopusenc encoder, handing each audio packet and its index to
    /// `packet`; returns the count of audio packets and the encoder's look-ahead.
    private static func encode(
        _ queue: ChunkQueue<ArraySlice<Float>>, settings: OpusEncoderSettings, rate: Int, gain: Float,
        report: @Sendable (Int) -> Void, packet: @escaping ([UInt8], Int) -> Void
    ) throws -> (audio: Int, lookahead: Int) {
        var headers = 0
        var audio = 0
        let encoder = try OggOpusEncoder(settings: settings, sampleRate: rate, sink: { _ in }, packets: { bytes in
            guard headers == 2 else {
                headers += 1
                return
            }
            packet(Array(bytes), audio)
            audio += 1
        })
        var scratch: [Float] = []
        while let piece = queue.take() {
            try encoder.write(piece, gain: gain, scratch: &scratch)
            report(piece.count)
        }
        let lookahead = try encoder.lookahead
        try encoder.finish()
        return (audio, lookahead)
    }
}
