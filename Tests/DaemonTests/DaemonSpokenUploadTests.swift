import CommuneCastTesting
import Foundation
import Testing

/// `media upload --text` and an MP3 upload against the real daemon: the CLI speaks or decodes here, the site (which
/// links neither espeak-ng nor FFmpeg) stores our Ogg Opus as sent.
@Suite("communecastd: spoken text and phone recordings uploaded from the CLI", .serialized)
struct DaemonSpokenUploadTests {
    @Test("--text is spoken here and stored by the site under text-<sha>; an MP3 is decoded here and stored")
    func uploads() throws {
        let daemon = try DaemonHarness()
        defer { daemon.cleanUp() }
        try daemon.start()
        let spoken = try daemon.cli(["media", "upload", "--text", "UBND xã thông báo: 14h30 họp tại nhà văn hóa."])
        #expect(spoken.status == 0, "\(spoken.standardError)")
        let mp3 = daemon.directory.file("ghi-am.mp3")
        try AudioMeasure.make("ffmpeg", ["-nostdin", "-loglevel", "error", "-f", "lavfi", "-i",
                                         "sine=frequency=440:duration=3", "-c:a", "libmp3lame", mp3])
        let recording = try daemon.cli(["media", "upload", mp3])
        #expect(recording.status == 0, "\(recording.standardError)")
        let media = try daemon.json(["media", "list"]) as? [[String: Any]] ?? []
        let text = try #require(media.first { ($0["name"] as? String)?.hasPrefix("text-") == true })
        #expect(((text["duration_s"] as? Double) ?? 0) > 2)
        let phone = try #require(media.first { $0["name"] as? String == "ghi-am" })
        #expect(abs(((phone["duration_s"] as? Double) ?? 0) - 3) < 0.05)
        #expect(abs(((phone["loudness_lufs"] as? Double) ?? 0) + 16) <= 1)
    }
}
