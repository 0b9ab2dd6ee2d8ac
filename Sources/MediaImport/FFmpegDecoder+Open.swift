import AudioCodec
import CFFmpeg

extension FFmpegDecoder {
    /// The FFmpeg objects one decoder owns, freed together.
    struct Handles {
        var container: UnsafeMutablePointer<AVFormatContext>?
        var codec: UnsafeMutablePointer<AVCodecContext>?
        var packet: UnsafeMutablePointer<AVPacket>?
        var frame: UnsafeMutablePointer<AVFrame>?
        var converter: OpaquePointer?

        /// Frees whatever is set.
        mutating func release() {
            if converter != nil { ffmpeg.swr_free(&converter) }
            if frame != nil { ffmpeg.av_frame_free(&frame) }
            if packet != nil { ffmpeg.av_packet_free(&packet) }
            if codec != nil { ffmpeg.avcodec_free_context(&codec) }
            if container != nil { ffmpeg.avformat_close_input(&container) }
        }
    }

    /// What opening found out.
    struct Opened {
        var stream: Int32
        var timeBase: AVRational
        var codec: AVCodecID
        var declaredSeconds: Double?
        var format: AudioFormat
        var description: String
        var containerName: String
        var codecName: String
    }

    /// Opens the container and the decoder of its best audio stream, and decodes the first frame into
    /// `handles.frame`. Everything allocated is in `handles`, for the caller to keep or release.
    static func open(path: String, into handles: inout Handles) throws -> Opened {
        let opened = ffmpeg.avformat_open_input(&handles.container, path, nil, nil)
        guard opened >= 0, let container = handles.container else {
            throw ImportError.notMedia(path: path, reason: FFmpegError.text(opened))
        }
        let probed = ffmpeg.avformat_find_stream_info(container, nil)
        guard probed >= 0 else { throw ImportError.notMedia(path: path, reason: FFmpegError.text(probed)) }
        var decoder: UnsafePointer<AVCodec>?
        let index = ffmpeg.av_find_best_stream(container, AVMEDIA_TYPE_AUDIO, -1, -1, &decoder, 0)
        if index == communecast_averror_decoder_not_found() {
            throw ImportError.noDecoder(path: path, codec: streamSummary(container))
        }
        guard index >= 0, let decoder else {
            throw ImportError.noAudioStream(path: path, streams: streamSummary(container))
        }
        let stream = container.pointee.streams[Int(index)]!
        if ffmpeg.av_stream_get_side_data(stream, AV_PKT_DATA_ENCRYPTION_INIT_INFO, nil) != nil {
            throw ImportError.protected(path: path, scheme: "Common Encryption")
        }
        handles.codec = ffmpeg.avcodec_alloc_context3(decoder)
        handles.packet = ffmpeg.av_packet_alloc()
        handles.frame = ffmpeg.av_frame_alloc()
        guard let codec = handles.codec, let packet = handles.packet, let frame = handles.frame else {
            throw MediaError.library(function: "av_frame_alloc", code: -1, message: "out of memory")
        }
        var status = ffmpeg.avcodec_parameters_to_context(codec, stream.pointee.codecpar)
        if status >= 0 { status = ffmpeg.avcodec_open2(codec, decoder, nil) }
        guard status >= 0 else { throw ImportError.undecodable(path: path, reason: FFmpegError.text(status)) }
        try decodeFirstFrame(path: path, container: container, codec: codec, packet: packet, frame: frame,
                             stream: index)
        let format = AudioFormat(sampleRate: Int(frame.pointee.sample_rate),
                                 channels: Int(frame.pointee.ch_layout.nb_channels))
        guard (1...8).contains(format.channels), (1_000...384_000).contains(format.sampleRate) else {
            throw ImportError.undecodable(path: path, reason: "it decodes to \(format), which is not audio we take")
        }
        let demuxer = container.pointee.iformat.map { format in
            String(cString: format.pointee.long_name ?? format.pointee.name)
        } ?? "unknown"
        let codecName = decoder.pointee.long_name.map { String(cString: $0) } ?? String(cString: decoder.pointee.name)
        return Opened(stream: index, timeBase: stream.pointee.time_base, codec: decoder.pointee.id,
                      declaredSeconds: declaredDuration(container, stream: stream), format: format,
                      description: describe(container, decoder: decoder, format: format), containerName: demuxer,
                      codecName: codecName)
    }

    /// Feeds packets until the decoder gives its first frame. A file whose packets all fail, or that ends before
    /// any audio, is refused here, before any output exists.
    private static func decodeFirstFrame(
        path: String, container: UnsafeMutablePointer<AVFormatContext>, codec: UnsafeMutablePointer<AVCodecContext>,
        packet: UnsafeMutablePointer<AVPacket>, frame: UnsafeMutablePointer<AVFrame>, stream: Int32
    ) throws {
        var lastError: Int32 = 0
        var draining = false
        while true {
            let received = ffmpeg.avcodec_receive_frame(codec, frame)
            if received >= 0 { return }
            if received != communecast_averror_eagain() || draining {
                let reason = lastError < 0 ? FFmpegError.text(lastError) : "it contains no audio samples"
                throw ImportError.undecodable(path: path, reason: reason)
            }
            while true {
                let read = ffmpeg.av_read_frame(container, packet)
                if read < 0 {
                    if read != communecast_averror_eof() { lastError = read }
                    draining = true
                    _ = ffmpeg.avcodec_send_packet(codec, nil)
                    break
                }
                defer { ffmpeg.av_packet_unref(packet) }
                guard packet.pointee.stream_index == stream else { continue }
                if ffmpeg.av_packet_get_side_data(packet, AV_PKT_DATA_ENCRYPTION_INFO, nil) != nil {
                    throw ImportError.protected(path: path, scheme: "Common Encryption")
                }
                let sent = ffmpeg.avcodec_send_packet(codec, packet)
                if sent < 0 { lastError = sent }
                break
            }
        }
    }

    /// The header's length in seconds, unless FFmpeg could only estimate it from the bitrate.
    private static func declaredDuration(
        _ container: UnsafeMutablePointer<AVFormatContext>, stream: UnsafeMutablePointer<AVStream>
    ) -> Double? {
        let estimation = ffmpeg.av_fmt_ctx_get_duration_estimation_method(container)
        guard estimation != AVFMT_DURATION_FROM_BITRATE else { return nil }
        let base = stream.pointee.time_base
        if stream.pointee.duration != communecast_av_nopts_value(), stream.pointee.duration > 0, base.den > 0 {
            return Double(stream.pointee.duration) * Double(base.num) / Double(base.den)
        }
        let whole = container.pointee.duration
        return whole > 0 && whole != communecast_av_nopts_value() ? Double(whole) / Double(AV_TIME_BASE) : nil
    }

    /// The container's and codec's long names, e.g. "MP3 (MPEG audio layer 3), 44100 Hz stereo".
    private static func describe(
        _ container: UnsafeMutablePointer<AVFormatContext>, decoder: UnsafePointer<AVCodec>, format: AudioFormat
    ) -> String {
        let demuxer = container.pointee.iformat.map { String(cString: $0.pointee.name) } ?? "unknown"
        let codec = decoder.pointee.long_name.map { String(cString: $0) } ?? String(cString: decoder.pointee.name)
        return "\(codec) in \(demuxer), \(format)"
    }

    /// "1 video stream", "2 video streams and 1 subtitle stream": what a file without usable audio holds.
    static func streamSummary(_ container: UnsafeMutablePointer<AVFormatContext>) -> String {
        var counts: [String: Int] = [:]
        for index in 0..<Int(container.pointee.nb_streams) {
            let parameters = container.pointee.streams[index]!.pointee.codecpar.pointee
            let kind = ffmpeg.av_get_media_type_string(parameters.codec_type).map { String(cString: $0) } ?? "unknown"
            let codec = ffmpeg.avcodec_get_name(parameters.codec_id).map { String(cString: $0) } ?? "unknown"
            let name = parameters.codec_type == AVMEDIA_TYPE_AUDIO ? "\(codec) audio" : kind
            counts[name, default: 0] += 1
        }
        guard !counts.isEmpty else { return "no streams at all" }
        return counts.sorted { $0.key < $1.key }
            .map { "\($0.value) \($0.key) stream\($0.value == 1 ? "" : "s")" }.joined(separator: " and ")
    }
}
