import CommuneCastTesting
import Foundation
import Testing

@Suite("Bad input to media encode through FFmpeg: exit 1, the file and the reason named, nothing written")
struct ImportBadInputTests {
    static func ffmpeg(_ arguments: [String]) throws {
        try AudioMeasure.make("ffmpeg", ["-nostdin", "-hide_banner", "-loglevel", "error", "-y"] + arguments)
    }

    @Test("a file with a video stream only")
    func videoOnly() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let input = directory.file("clip.mp4")
        try Self.ffmpeg(["-f", "lavfi", "-i", "testsrc=duration=1:size=64x64:rate=10", "-c:v", "mpeg4", input])
        try BadInputTests.expectRefused(input, in: directory, mentioning: ["no audio stream", "1 video stream"])
    }

    @Test("a truncated MP3 (its header says longer than what is there)")
    func truncatedMP3() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let whole = directory.file("whole.mp3")
        try Self.ffmpeg(["-f", "lavfi", "-i", "sine=frequency=440:duration=6", "-c:a", "libmp3lame", "-b:a", "64k",
                         whole])
        let bytes = try Data(contentsOf: URL(fileURLWithPath: whole))
        let input = directory.file("cut.mp3")
        try bytes.prefix(bytes.count / 2).write(to: URL(fileURLWithPath: input))
        try FileManager.default.removeItem(atPath: whole)
        try BadInputTests.expectRefused(input, in: directory, mentioning: ["truncated", "re-copy"])
    }

    @Test("a file named .mp3 that is not audio", arguments: [
        Data("Kính gửi: UBND xã. Đây là văn bản, không phải âm thanh.\n".utf8),
        Data((0..<4_096).map { UInt8(truncatingIfNeeded: $0 &* 7919 &+ 13) }),
    ])
    func notAudio(content: Data) throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let input = directory.file("ban-tin.mp3")
        try content.write(to: URL(fileURLWithPath: input))
        try BadInputTests.expectRefused(input, in: directory, mentioning: ["MP3, M4A/AAC"])
    }

    @Test("an empty file is called empty, for media encode and media info alike")
    func emptyFile() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let input = directory.file("ghi-am.m4a")
        try Data().write(to: URL(fileURLWithPath: input))
        try BadInputTests.expectRefused(input, in: directory, mentioning: ["is empty (0 bytes)", "MP3, M4A/AAC"])
        let info = try CLI.run("media", "info", input)
        #expect(info.status == 1)
        #expect(info.standardError.contains("'\(input)' is empty (0 bytes)"), "\(info.standardError)")
        // Sent as is, it is refused before any site is asked.
        let upload = try CLI.run("media", "upload", input, "--as-is", "--connect", "unix:/nonexistent.sock")
        #expect(upload.status == 1)
        #expect(upload.standardError.contains("'\(input)' is empty (0 bytes)"), "\(upload.standardError)")
    }

    @Test("an M4A protected with Common Encryption (DRM)")
    func protectedM4A() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let input = directory.file("itunes.m4a")
        let key = "00112233445566778899aabbccddeeff"
        try Self.ffmpeg(["-f", "lavfi", "-i", "sine=frequency=440:duration=3", "-c:a", "aac",
                         "-encryption_scheme", "cenc-aes-ctr", "-encryption_key", key, "-encryption_kid", key, input])
        try BadInputTests.expectRefused(input, in: directory, mentioning: ["DRM", "unprotected copy"])
    }

    @Test("a FLAC longer than two hours is refused from its header, before decoding")
    func overTwoHours() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let input = directory.file("long.flac")
        try AudioMeasure.make("sox", ["-n", "-r", "8000", "-c", "1", input, "trim", "0", "7205"])
        let started = ContinuousClock.now
        try BadInputTests.expectRefused(input, in: directory, mentioning: ["too long", "2 h"])
        #expect(ContinuousClock.now - started < .seconds(30))
    }

    @Test("a WAV in a codec FFmpeg does not know")
    func unknownCodec() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let input = directory.file("odd.wav")
        var bytes = WAVWriter.bytes([Float](repeating: 0.1, count: 8_000), sampleRate: 8_000, channels: 1)
        bytes[20] = 0x34
        bytes[21] = 0x12
        try Data(bytes).write(to: URL(fileURLWithPath: input))
        try BadInputTests.expectRefused(input, in: directory, mentioning: ["codec"])
    }
}
