import COpus
import COpusEnc

/// Settings for the Opus encoder; the defaults are the broadcast defaults of DESIGN §3.
public struct OpusEncoderSettings: Sendable, Equatable {
    /// Target bitrate in bits per second (VBR).
    public var bitrate: Int = 24_000
    /// 0 (fastest) to 10 (best); opusenc's default is 10.
    public var complexity: Int = 10
    /// Frame duration in milliseconds; 20 ms suits both voice and music.
    public var frameMilliseconds: Int = 20
    /// The Ogg stream's serial number; nil lets libopusenc pick a random one. A serial derived from the audio
    /// makes the same audio encode to the same bytes, so the same announcement is stored once.
    public var serialNumber: Int32?
    /// How many 48 kHz samples libopusenc may hold to decide where a stream's links and pages break; nil keeps its
    /// default (96 000, 2 s). A live stream sets 0, since nothing may wait that long before it is sent.
    public var decisionDelaySamples: Int?
    /// The longest, in 48 kHz samples, a packet may wait before the page holding it is written; nil keeps
    /// libopusenc's default (48 000, 1 s). Shorter pages cost a page header each but reach listeners sooner.
    public var muxingDelaySamples: Int?

    /// Creates settings; `bitrate` is in bits per second.
    public init(bitrate: Int = 24_000, complexity: Int = 10, frameMilliseconds: Int = 20) {
        self.bitrate = bitrate
        self.complexity = complexity
        self.frameMilliseconds = frameMilliseconds
    }
}

/// Encodes mono float audio to Ogg Opus with libopusenc, which does the Ogg muxing, pre-skip and granule positions,
/// and brings other rates to Opus's 48 kHz with its own speex resampler (quality 5, as opusenc). Pages go to an
/// `AtomicFileWriter` or any byte sink through libopusenc's write callback.
public final class OggOpusEncoder {
    /// Receives the encoded Ogg pages.
    public typealias Sink = (UnsafeRawBufferPointer) throws -> Void
    /// Receives each Opus packet as it is made, the OpusHead and OpusTags headers first.
    typealias PacketSink = (UnsafeRawBufferPointer) -> Void

    private final class Context {
        let sink: Sink
        let packets: PacketSink?
        var failure: Error?
        init(sink: @escaping Sink, packets: PacketSink?) {
            self.sink = sink
            self.packets = packets
        }
    }

    private var encoder: OpaquePointer?
    private let context: Context
    private let unmanaged: Unmanaged<Context>
    private var comments: OpaquePointer?
    /// Whether any sample has reached libopusenc: `finish` gives it one if none has.
    private var hasAudio = false

    /// Creates an encoder for mono input at `sampleRate` (8 to 192 kHz; the OpusHead records it) with the given
    /// settings and Vorbis-comment tags.
    public convenience init(
        settings: OpusEncoderSettings, tags: [(String, String)] = [], sampleRate: Int = 48_000,
        sink: @escaping Sink
    ) throws {
        try self.init(settings: settings, tags: tags, sampleRate: sampleRate, sink: sink, packets: nil)
    }

    /// An encoder that also hands every packet to `packets` (the two-core encoder muxes packets itself).
    init(
        settings: OpusEncoderSettings, tags: [(String, String)] = [], sampleRate: Int = 48_000,
        sink: @escaping Sink, packets: PacketSink?
    ) throws {
        context = Context(sink: sink, packets: packets)
        unmanaged = Unmanaged.passRetained(context)
        var callbacks = OpusEncCallbacks(
            write: { user, pointer, length in
                let context = Unmanaged<Context>.fromOpaque(user!).takeUnretainedValue()
                do {
                    try context.sink(UnsafeRawBufferPointer(start: pointer, count: Int(length)))
                    return 0
                } catch {
                    context.failure = error
                    return 1
                }
            },
            close: { _ in 0 }
        )
        comments = ope_comments_create()
        for (key, value) in tags { ope_comments_add(comments, key, value) }
        var error: Int32 = 0
        encoder = ope_encoder_create_callbacks(
            &callbacks, unmanaged.toOpaque(), comments, Int32(sampleRate), 1, 0, &error
        )
        guard encoder != nil else {
            unmanaged.release()
            throw Self.failure("ope_encoder_create_callbacks", error)
        }
        try check("OPUS_SET_BITRATE", communecast_ope_set_bitrate(encoder, Int32(settings.bitrate)))
        try check("OPUS_SET_VBR", communecast_ope_set_vbr(encoder, 1))
        try check("OPUS_SET_COMPLEXITY", communecast_ope_set_complexity(encoder, Int32(settings.complexity)))
        if let serial = settings.serialNumber {
            try check("OPE_SET_SERIALNO", communecast_ope_set_serialno(encoder, serial))
        }
        if let delay = settings.decisionDelaySamples {
            try check("OPE_SET_DECISION_DELAY", communecast_ope_set_decision_delay(encoder, Int32(delay)))
        }
        if let delay = settings.muxingDelaySamples {
            try check("OPE_SET_MUXING_DELAY", communecast_ope_set_muxing_delay(encoder, Int32(delay)))
        }
        if packets != nil {
            let handOver: ope_packet_func = { user, packet, length, _ in
                let context = Unmanaged<Context>.fromOpaque(user!).takeUnretainedValue()
                context.packets?(UnsafeRawBufferPointer(start: packet, count: Int(length)))
            }
            try check("OPE_SET_PACKET_CALLBACK",
                      communecast_ope_set_packet_callback(encoder, handOver, unmanaged.toOpaque()))
        }
        try check(
            "OPUS_SET_EXPERT_FRAME_DURATION",
            communecast_ope_set_frame_duration(encoder, try Self.frameDurationCode(settings.frameMilliseconds))
        )
    }

    deinit {
        if let encoder { ope_encoder_destroy(encoder) }
        if let comments { ope_comments_destroy(comments) }
        unmanaged.release()
    }

    /// Encodes mono samples; may be called with any number of samples.
    public func write(_ samples: UnsafeBufferPointer<Float>) throws {
        guard !samples.isEmpty else { return }
        try check("ope_encoder_write_float", ope_encoder_write_float(encoder, samples.baseAddress, Int32(samples.count)))
        hasAudio = true
    }

    /// Encodes mono samples multiplied by `gain`; at a gain of 1 they go to the encoder as they are, without a copy,
    /// and otherwise through `scratch`, which the caller keeps from one call to the next.
    func write(_ samples: ArraySlice<Float>, gain: Float, scratch: inout [Float]) throws {
        if gain == 1 {
            try samples.withUnsafeBufferPointer { try write($0) }
        } else {
            scratch.removeAll(keepingCapacity: true)
            scratch.append(contentsOf: samples.lazy.map { $0 * gain })
            try scratch.withUnsafeBufferPointer { try write($0) }
        }
    }

    /// Writes the identification and comment header pages now rather than with the first audio page, so a live
    /// source can hand a server its stream's headers before it has any audio to send.
    public func flushHeader() throws {
        try check("ope_encoder_flush_header", ope_encoder_flush_header(encoder))
    }

    /// The encoder's look-ahead in 48 kHz samples: the OpusHead's pre-skip.
    var lookahead: Int {
        get throws {
            var samples: Int32 = 0
            try check("OPUS_GET_LOOKAHEAD", communecast_ope_get_lookahead(encoder, &samples))
            return Int(samples)
        }
    }

    /// Flushes the last pages, including the end-of-stream page. The encoder cannot be used afterwards.
    ///
    /// A stream that was given no audio gets one silent sample first. libopusenc 0.2.1 (Debian 12's) sizes the
    /// drain's padding before it starts a stream that was never written to, so without the pre-skip; no packet then
    /// ends the stream and an assertion aborts the process (always at 48 kHz, now and then at other rates). That
    /// happens to a speculative encoder dropped before its first piece, and to a live broadcast whose input ends at
    /// once.
    public func finish() throws {
        if !hasAudio {
            let silence: [Float] = [0]
            try silence.withUnsafeBufferPointer { try write($0) }
        }
        try check("ope_encoder_drain", ope_encoder_drain(encoder))
    }

    private func check(_ function: String, _ code: Int32) throws {
        if let failure = context.failure { throw failure }
        guard code == OPE_OK else { throw Self.failure(function, code) }
    }

    private static func failure(_ function: String, _ code: Int32) -> MediaError {
        .library(function: function, code: code, message: String(cString: ope_strerror(code)))
    }

    private static func frameDurationCode(_ milliseconds: Int) throws -> Int32 {
        switch milliseconds {
        case 10: OPUS_FRAMESIZE_10_MS
        case 20: OPUS_FRAMESIZE_20_MS
        case 40: OPUS_FRAMESIZE_40_MS
        case 60: OPUS_FRAMESIZE_60_MS
        default: throw MediaError.library(function: "frame duration", code: -1,
                                          message: "\(milliseconds) ms is not one of 10, 20, 40, 60")
        }
    }
}
