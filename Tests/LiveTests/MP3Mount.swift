import CommuneCastTesting
import Foundation

/// An MP3 mount on a test Icecast, fed by FFmpeg (a 440 Hz tone, LAME): the format sites refuse, for the bad-input
/// tests of the reader and of the daemon.
enum MP3Mount {
    /// Starts FFmpeg sending to `/radio.mp3` and waits until the mount has its source; end it with
    /// `ServerProcess.end`.
    static func start(on server: IcecastServer, directory: TemporaryDirectory) throws -> Process {
        let target = "icecast://source:\(server.sourcePassword)@127.0.0.1:\(server.port)/radio.mp3"
        let ffmpeg = try ServerProcess.launch("/usr/bin/ffmpeg", [
            "-nostdin", "-re", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100", "-c:a", "libmp3lame",
            "-b:a", "64k", "-content_type", "audio/mpeg", "-f", "mp3", target,
        ], log: directory.file("ffmpeg.log"))
        guard Poll.until(timeout: 60, { server.hasSource("/radio.mp3") }) else {
            ServerProcess.end(ffmpeg)
            throw IcecastFailure(message: "FFmpeg never reached /radio.mp3: \(server.log(tail: 10))")
        }
        return ffmpeg
    }
}
