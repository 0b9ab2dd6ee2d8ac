import CFFmpeg

/// FFmpeg's text for its negative return codes, for messages and logs.
enum FFmpegError {
    /// For example "Invalid data found when processing input".
    static func text(_ code: Int32) -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        if ffmpeg.av_strerror(code, &buffer, buffer.count) < 0 { return "error \(code)" }
        return buffer.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    }
}
