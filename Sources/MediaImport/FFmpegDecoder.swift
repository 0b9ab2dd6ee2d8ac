import AudioCodec
import CFFmpeg

/// Decodes the audio of any file FFmpeg's libraries can demux and decode (MP3, M4A/AAC, AMR, FLAC, Vorbis, Opus in
/// Ogg or WebM, WAV of every kind) into interleaved float frames at the file's own rate, for the import pipeline.
///
/// libavformat demuxes, libavcodec decodes, and libswresample only converts the sample format (planar, integer or
/// double to interleaved float) at the same rate: resampling to 48 kHz stays speexdsp's job in the pipeline. The
/// first frame is decoded when the file is opened, so the format is the one the codec really produces (HE-AAC
/// doubles its rate after the first frame) and a file that decodes to nothing is refused before any output exists.
public final class FFmpegDecoder: PCMSource {
    /// The file as given; every error names it.
    public let path: String
    /// Rate and channels of the decoded frames.
    public let format: AudioFormat
    /// Unknown up front: compressed containers only estimate their length (see `declaredSeconds`).
    public var frameCount: Int? { nil }
    /// The length the container's header declares, seconds; nil when FFmpeg only guessed it from the bitrate.
    public let declaredSeconds: Double?
    /// For example "MP3 (MPEG audio layer 3), 44100 Hz stereo".
    public let formatDescription: String
    /// FFmpeg's name of the container, for example "MP2/3 (MPEG audio layer 2/3)".
    public let containerName: String
    /// FFmpeg's name of the codec, for example "MP3 (MPEG audio layer 3)".
    public let codecName: String

    private var container: UnsafeMutablePointer<AVFormatContext>?
    private var codec: UnsafeMutablePointer<AVCodecContext>?
    private var packet: UnsafeMutablePointer<AVPacket>?
    private var frame: UnsafeMutablePointer<AVFrame>?
    private var converter: OpaquePointer?
    private let streamIndex: Int32
    private var pending: [Float] = []
    private var pendingOffset = 0
    private var draining = false
    private var finished = false
    private var framesDecoded = 0
    private let timeBase: AVRational
    private let fillsGaps: Bool
    private var origin: Int?
    private var packetsEnd: Int64?
    private var packetsSent = 0
    private var packetsRejected = 0
    private var lastRejection: Int32 = 0

    /// Opens `path`, picks its best audio stream and decodes the first frame.
    public init(path: String) throws {
        self.path = path
        try MediaFile.checkReadable(path: path)
        try FFmpegLibrary.load()
        var handles = Handles()
        do {
            let opened = try Self.open(path: path, into: &handles)
            streamIndex = opened.stream
            timeBase = opened.timeBase
            fillsGaps = [AV_CODEC_ID_AMR_NB, AV_CODEC_ID_AMR_WB].contains(opened.codec)
            declaredSeconds = opened.declaredSeconds
            format = opened.format
            formatDescription = opened.description
            containerName = opened.containerName
            codecName = opened.codecName
        } catch {
            handles.release()
            throw error
        }
        container = handles.container
        codec = handles.codec
        packet = handles.packet
        frame = handles.frame
        do {
            try convert(frame!)
            ffmpeg.av_frame_unref(frame)
        } catch {
            release()
            throw error
        }
    }

    deinit { release() }

    /// Frees every FFmpeg object; safe to call twice.
    private func release() {
        var handles = Handles(container: container, codec: codec, packet: packet, frame: frame, converter: converter)
        handles.release()
        container = nil
        codec = nil
        packet = nil
        frame = nil
        converter = nil
    }

    public func read(into buffer: UnsafeMutableBufferPointer<Float>) throws -> Int {
        let channels = format.channels
        let wanted = buffer.count / channels * channels
        var written = 0
        while written < wanted {
            if pendingOffset < pending.count {
                let count = min(wanted - written, pending.count - pendingOffset)
                pending.withUnsafeBufferPointer { source in
                    for index in 0..<count { buffer[written + index] = source[pendingOffset + index] }
                }
                written += count
                pendingOffset += count
                continue
            }
            if finished { break }
            try decodeNext()
        }
        return written / channels
    }

    /// Decodes the next frame into `pending`, or marks the end (checking the length the header promised).
    private func decodeNext() throws {
        while true {
            let received = ffmpeg.avcodec_receive_frame(codec, frame)
            if received >= 0 {
                defer { ffmpeg.av_frame_unref(frame) }
                try convert(frame!)
                return
            }
            if received == communecast_averror_eof() || (received != communecast_averror_eagain() && draining) {
                finished = true
                try checkComplete()
                if fillsGaps, let packetsEnd {
                    let tail = gap(until: packetsEnd, rate: format.sampleRate)
                    pending = [Float](repeating: 0, count: tail * format.channels)
                    pendingOffset = 0
                    framesDecoded += tail
                }
                return
            }
            if draining {
                finished = true
                return
            }
            try sendNextPacket()
        }
    }

    /// Sends the next packet of our stream to the decoder, or starts draining at the end of the file.
    private func sendNextPacket() throws {
        while true {
            if ffmpeg.av_read_frame(container, packet) < 0 {
                draining = true
                _ = ffmpeg.avcodec_send_packet(codec, nil)
                return
            }
            defer { ffmpeg.av_packet_unref(packet) }
            guard packet!.pointee.stream_index == streamIndex else { continue }
            if ffmpeg.av_packet_get_side_data(packet, AV_PKT_DATA_ENCRYPTION_INFO, nil) != nil {
                throw ImportError.protected(path: path, scheme: "Common Encryption")
            }
            packetsSent += 1
            if packet!.pointee.pts != communecast_av_nopts_value() {
                packetsEnd = packet!.pointee.pts + packet!.pointee.duration
            }
            let status = ffmpeg.avcodec_send_packet(codec, packet)
            if status < 0 && status != communecast_averror_eagain() {
                packetsRejected += 1
                lastRejection = status
            }
            return
        }
    }

    /// Converts one decoded frame to interleaved float and queues it.
    private func convert(_ frame: UnsafeMutablePointer<AVFrame>) throws {
        let rate = Int(frame.pointee.sample_rate)
        let channels = Int(frame.pointee.ch_layout.nb_channels)
        if format != AudioFormat(sampleRate: rate, channels: channels) {
            throw ImportError.formatChanged(path: path, detail: "from \(format) to \(rate) Hz, \(channels) channels")
        }
        if converter == nil {
            var output = frame.pointee.ch_layout
            var input = frame.pointee.ch_layout
            let status = ffmpeg.swr_alloc_set_opts2(&converter, &output, AV_SAMPLE_FMT_FLT, Int32(rate), &input,
                                                    AVSampleFormat(frame.pointee.format), Int32(rate), 0, nil)
            guard status >= 0, ffmpeg.swr_init(converter) >= 0 else {
                throw MediaError.library(function: "swr_init", code: status, message: FFmpegError.text(status))
            }
        }
        let count = Int(frame.pointee.nb_samples)
        let gap = silenceBefore(frame, rate: rate)
        pending = [Float](repeating: 0, count: (gap + count) * channels)
        pendingOffset = 0
        let converted = pending.withUnsafeMutableBytes { raw -> Int32 in
            var output: UnsafeMutablePointer<UInt8>? = raw.baseAddress.map {
                ($0 + gap * channels * MemoryLayout<Float>.size).assumingMemoryBound(to: UInt8.self)
            }
            let input = UnsafeMutableRawPointer(frame.pointee.extended_data)
                .assumingMemoryBound(to: UnsafePointer<UInt8>?.self)
            return ffmpeg.swr_convert(converter, &output, Int32(count), input, Int32(count))
        }
        guard converted >= 0 else {
            throw MediaError.library(function: "swr_convert", code: converted, message: FFmpegError.text(converted))
        }
        if Int(converted) < count { pending.removeLast((count - Int(converted)) * channels) }
        framesDecoded += gap + Int(converted)
    }

    /// Frames of silence missing before `frame` by its timestamp. AMR's discontinuous transmission sends comfort-
    /// noise (SID) frames for silent stretches, which FFmpeg's AMR decoders refuse, so the timeline would shrink; for
    /// AMR, a gap of more than 5 ms (and less than a minute) is filled with silence. Other codecs are left alone:
    /// their first frame's timestamp does not count the samples the decoder skips (MP3's encoder delay).
    private func silenceBefore(_ frame: UnsafeMutablePointer<AVFrame>, rate: Int) -> Int {
        let stamp = frame.pointee.best_effort_timestamp
        guard fillsGaps, stamp != communecast_av_nopts_value() else { return 0 }
        return gap(until: stamp, rate: rate)
    }

    /// Frames between what was decoded and `stamp` (in the stream's time base), when that is a plausible gap.
    private func gap(until stamp: Int64, rate: Int) -> Int {
        guard timeBase.den > 0 else { return 0 }
        let start = Int((Double(stamp) * Double(timeBase.num) / Double(timeBase.den) * Double(rate)).rounded())
        let origin = self.origin ?? (start - framesDecoded)
        self.origin = origin
        let gap = start - (origin + framesDecoded)
        return gap > max(32, rate / 200) && gap < rate * 60 ? gap : 0
    }

    /// At the end of the stream: refuses audio that could not be decoded or stops well short of its header.
    private func checkComplete() throws {
        if packetsSent > 0 && packetsRejected * 2 > packetsSent {
            throw ImportError.undecodable(path: path, reason: "\(packetsRejected) of \(packetsSent) packets are "
                                          + "damaged (\(FFmpegError.text(lastRejection)))")
        }
        let decoded = Double(framesDecoded) / Double(format.sampleRate)
        if let declared = declaredSeconds, declared - decoded > max(0.2, declared * 0.01) {
            throw ImportError.truncated(path: path, decodedSeconds: decoded, declaredSeconds: declared)
        }
    }
}
