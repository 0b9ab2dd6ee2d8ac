import COpusFile

/// Decodes a live Ogg Opus stream, such as an Icecast mount, with libopusfile (`op_open_callbacks`) as its bytes
/// arrive: the caller owns the connection and hands bytes over through `Read`, so a stalled or lost connection is the
/// caller's to detect and to end (libopusurl would wait 30 s on a stall and never reconnect). Output is mono 48 kHz
/// float, the broadcast format: every link of a chained stream (a source that restarts on the same mount) is
/// downmixed, whatever its channel count. Used from one thread only.
public final class OggOpusStreamDecoder {
    /// Fills the buffer with at least one byte, blocking until some arrive, and returns how many; 0 at the end of
    /// the stream, or a negative value to abandon it (a stall, a close). Called on the decoding thread.
    public typealias Read = (UnsafeMutableRawBufferPointer) -> Int

    /// The stream's name for messages: its URL.
    public let name: String
    /// Always mono 48 kHz.
    public let format = AudioFormat.broadcast
    /// Holes (pages lost between source and listener) decoded past so far.
    public private(set) var holes = 0

    private final class Source {
        let read: Read
        init(read: @escaping Read) { self.read = read }
    }

    private var handle: OpaquePointer?
    private let source: Source
    private let unmanaged: Unmanaged<Source>
    private var packetDecoder: OpusPacketDecoder?
    private var scratch: [Float] = []

    /// Reads the stream's headers (blocking on `read` until they arrive) and prepares to decode.
    public init(name: String, read: @escaping Read) throws(MediaError) {
        self.name = name
        source = Source(read: read)
        unmanaged = Unmanaged.passRetained(source)
        var callbacks = OpusFileCallbacks(
            read: { context, pointer, count in
                guard let context, let pointer, count > 0 else { return 0 }
                let source = Unmanaged<Source>.fromOpaque(context).takeUnretainedValue()
                let got = source.read(UnsafeMutableRawBufferPointer(start: pointer, count: Int(count)))
                return got < 0 ? -1 : Int32(clamping: got)
            },
            seek: nil, tell: nil, close: nil
        )
        var error: Int32 = 0
        guard let opened = op_open_callbacks(unmanaged.toOpaque(), &callbacks, nil, 0, &error) else {
            unmanaged.release()
            throw OggOpusFileReader.openError(error, path: name, leading: [])
        }
        handle = opened
        let packets = OpusPacketDecoder(file: opened)
        packets.install()
        packetDecoder = packets
    }

    deinit { close() }

    /// The index of the link being decoded: it goes up by one each time the source starts a new stream on the same
    /// connection (a restarted encoder), whose tags may differ.
    public var link: Int {
        guard let handle else { return 0 }
        return Int(max(0, op_current_link(handle)))
    }

    /// The current link's OpusTags comments as `KEY=value` strings, in stream order.
    public var comments: [String] {
        guard let handle, let tags = op_tags(handle, -1) else { return [] }
        return (0..<Int(tags.pointee.comments)).compactMap { index in
            tags.pointee.user_comments[index].map { String(cString: $0) }
        }
    }

    /// Decodes up to `buffer.count` mono frames; returns how many, 0 at the end of the stream. A hole (lost pages)
    /// is counted and decoding goes on after it, as a listener would; a damaged packet or an abandoned read throws.
    public func read(into buffer: UnsafeMutableBufferPointer<Float>) throws(MediaError) -> Int {
        guard let handle, !buffer.isEmpty else { return 0 }
        // libopusfile's stereo output whatever the link carries (mono doubled, surround downmixed), so a new link
        // with another channel count can never return more frames than the buffer holds; then L and R averaged.
        if scratch.count < buffer.count * 2 { scratch = [Float](repeating: 0, count: buffer.count * 2) }
        while true {
            let frames = scratch.withUnsafeMutableBufferPointer { scratch in
                op_read_float_stereo(handle, scratch.baseAddress, Int32(clamping: buffer.count * 2))
            }
            if frames == OP_HOLE {
                holes += 1
                continue
            }
            guard frames >= 0 else {
                let reason = OggOpusFileReader.name(frames)
                throw .corrupt(path: name, detail: "the stream could not be decoded (\(reason))")
            }
            scratch.withUnsafeBufferPointer { stereo in
                for frame in 0..<Int(frames) { buffer[frame] = (stereo[2 * frame] + stereo[2 * frame + 1]) * 0.5 }
            }
            return Int(frames)
        }
    }

    /// Releases the decoder; reading afterwards returns the end of the stream. Safe to call more than once.
    public func close() {
        guard let handle else { return }
        op_free(handle)
        self.handle = nil
        packetDecoder?.close()
        packetDecoder = nil
        unmanaged.release()
    }
}
