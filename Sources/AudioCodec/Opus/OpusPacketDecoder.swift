import COpus
import COpusFile

/// Decodes the packets of single-stream Ogg Opus links (channel mapping family 0: every file we store, and what
/// `opusenc` makes of mono and stereo) with libopus's plain decoder, on libopusfile's behalf
/// (`op_set_decode_callback`), as MPD does. libopusfile's multistream decoder asks `opus_decoder_get_size` on every
/// packet, and Debian's libopus (built with custom modes) runs its CPU-feature probe each time: `cpuid`, a trap to
/// the hypervisor on a virtual machine, was a fifth of the playback thread's CPU. The output is bit-identical.
/// Other links (surround, family 1 and up) are left to libopusfile.
final class OpusPacketDecoder {
    /// The libopusfile handle whose packets this decodes; owned by the reader.
    private let file: OpaquePointer
    private var decoder: OpaquePointer?
    private var channels: Int32 = 0
    /// The link being decoded, and whether this decoder takes it (false: libopusfile decodes it itself).
    private var link: Int32 = -1
    private var takesLink = false
    /// The last packet's granule position: a packet that does not come after it follows a seek.
    private var lastGranule = Int64.min

    /// Prepares to decode for `file`; `install()` hands the decoding over.
    init(file: OpaquePointer) {
        self.file = file
    }

    deinit { close() }

    /// Makes libopusfile call this decoder for every packet; the reader keeps this object alive while `file` is.
    func install() {
        op_set_decode_callback(file, Self.callback, Unmanaged.passUnretained(self).toOpaque())
    }

    /// Forgets the decoder's state, as libopusfile does with its own on a seek.
    func reset() {
        if let decoder { communecast_opus_decoder_reset(decoder) }
        lastGranule = .min
    }

    /// Releases the libopus decoder.
    func close() {
        if let decoder { opus_decoder_destroy(decoder) }
        decoder = nil
    }

    private static let callback: op_decode_cb_func = { context, _, pcm, packet, samples, channels, format, link in
        guard let context, let pcm, let packet else { return OP_DEC_USE_DEFAULT }
        return Unmanaged<OpusPacketDecoder>.fromOpaque(context).takeUnretainedValue().decode(
            into: pcm.assumingMemoryBound(to: Float.self), packet: packet.pointee, samples: samples,
            channels: channels, format: format, link: link
        )
    }

    /// libopusfile's decode callback: 0 once `samples` frames are in `pcm`, a libopus error, or
    /// `OP_DEC_USE_DEFAULT` for what libopusfile should decode itself.
    private func decode(
        into pcm: UnsafeMutablePointer<Float>, packet: ogg_packet, samples: Int32, channels: Int32, format: Int32,
        link: Int32
    ) -> Int32 {
        guard format == OP_DEC_FORMAT_FLOAT else { return OP_DEC_USE_DEFAULT }
        if link != self.link { prepare(link: link, channels: channels) }
        guard takesLink, let decoder else { return OP_DEC_USE_DEFAULT }
        if packet.granulepos <= lastGranule { reset() }
        lastGranule = packet.granulepos
        let decoded = opus_decode_float(decoder, packet.packet, Int32(clamping: packet.bytes), pcm, samples, 0)
        if decoded < 0 { return decoded }
        return decoded == samples ? 0 : OPUS_INTERNAL_ERROR
    }

    /// Takes a new link if it is a single stream: a fresh decoder state with the link's output gain, which
    /// libopusfile applies with the same request to its own decoder.
    private func prepare(link: Int32, channels: Int32) {
        self.link = link
        takesLink = false
        guard let head = op_head(file, link)?.pointee, head.mapping_family == 0, head.stream_count == 1,
              head.channel_count == channels, channels == 1 || channels == 2 else { return }
        if decoder == nil || self.channels != channels {
            close()
            var error: Int32 = 0
            decoder = opus_decoder_create(48_000, channels, &error)
            guard error == OPUS_OK, decoder != nil else { return close() }
            self.channels = channels
        }
        reset()
        guard let decoder, communecast_opus_decoder_set_gain(decoder, head.output_gain) == OPUS_OK else { return }
        takesLink = true
    }
}
