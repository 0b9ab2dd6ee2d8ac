import CFFmpeg
import HostSystem

/// FFmpeg's libraries, opened on first use rather than linked: a `communecast` command that imports nothing (an alert
/// push, health) never loads them (`CFFmpeg/shim.h` says why).
enum FFmpegLibrary {
    private static let opened: Result<communecast_ffmpeg, ImportError> = OnDemandLibrary.open(communecast_ffmpeg_load)
        .mapError { .ffmpegUnavailable(reason: $0.reason) }
        .map { functions in
            functions.av_log_set_level(AV_LOG_QUIET)
            return functions
        }

    /// Opens the libraries unless they are open; throws when they cannot be.
    static func load() throws(ImportError) {
        _ = try opened.get()
    }

    /// The functions. Only after `load()` has succeeded, as every `FFmpegDecoder` makes sure first.
    static var functions: communecast_ffmpeg {
        OnDemandLibrary.table(opened, of: "FFmpeg")
    }
}

/// FFmpeg's functions (`ffmpeg.av_read_frame(…)`), for code that runs after `FFmpegLibrary.load()`.
var ffmpeg: communecast_ffmpeg { FFmpegLibrary.functions }
