import AudioCodec
import AudioOutput
import CommuneCastTesting
import Foundation
import Playout
import Testing

@Suite("Playback through real ALSA into the file plugin")
struct ALSAPlaybackTests {
    /// A raw capture device that needs no configuration: ALSA's `file` plugin over `null`.
    static func captureDevice(_ path: String) -> String { "file:FILE=\(path),FORMAT=raw" }

    @Test("every decoded frame reaches the device, in order and unchanged")
    func capturedEqualsDecoded() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let opus = directory.file("tone.opus")
        _ = try MediaEncoder.writeTone(.attention, seconds: 1.5, output: opus)
        let decoded = try OggOpusFileReader(path: opus).readAll()

        let capture = directory.file("capture.raw")
        let sink = try ALSASink(
            configuration: PCMConfiguration(device: Self.captureDevice(capture)), pacing: .never
        )
        #expect(!sink.pcm.keepsRealTime)
        let player = FilePlayer(source: try OggOpusFileReader(path: opus), sink: sink)
        player.start()
        let outcome = try player.wait()
        #expect(outcome.framesWritten == decoded.count)
        #expect(!outcome.stoppedEarly)

        let captured = try Signals.readRawS16(path: capture)
        #expect(captured.count == decoded.count)
        let worst = zip(captured, decoded).map { abs($0 - max(-1, min(32_767 / 32_768, $1))) }.max() ?? 1
        #expect(worst <= 1.0 / 32_768 + 1e-6)
    }

    @Test("software volume scales the captured signal")
    func volumeApplies() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let capture = directory.file("quiet.raw")
        let sink = try ALSASink(
            configuration: PCMConfiguration(device: Self.captureDevice(capture)), volumeDB: -20, pacing: .never
        )
        let samples = [Float](repeating: 0.5, count: 4_800)
        try samples.withUnsafeBufferPointer { try sink.write($0) }
        sink.drain()
        sink.close()
        let captured = try Signals.readRawS16(path: capture)
        #expect(captured.count == 4_800)
        #expect(abs(captured[100] - 0.05) < 0.001)
    }

    @Test("a null device is paced to the wall clock: 0.6 s of audio takes at least 0.35 s")
    func pacingHoldsRealTime() throws {
        let sink = try ALSASink(configuration: PCMConfiguration(device: "null"), pacing: .automatic)
        #expect(sink.paced)
        let chunk = [Float](repeating: 0, count: 960)
        let start = WallClockPacer.monotonicNow()
        for _ in 0..<30 { try chunk.withUnsafeBufferPointer { try sink.write($0) } }
        sink.drain()
        let elapsed = WallClockPacer.monotonicNow() - start
        #expect(elapsed >= 0.35)
        sink.close()
    }

    @Test("stopping part-way fades out and reports an early stop")
    func stopEarly() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let opus = directory.file("long.opus")
        _ = try MediaEncoder.writeTone(.attention, seconds: 10, output: opus)
        let capture = directory.file("stopped.raw")
        let sink = try ALSASink(configuration: PCMConfiguration(device: Self.captureDevice(capture)), pacing: .always)
        let player = FilePlayer(source: try OggOpusFileReader(path: opus), sink: sink)
        player.start()
        // Part-way: once a tenth of a second has reached the device.
        let started = Date()
        while Self.bytes(of: capture) < 9_600, Date().timeIntervalSince(started) < 60 { usleep(10_000) }
        #expect(Self.bytes(of: capture) >= 9_600, "nothing reached the device in 60 s")
        player.stop()
        let outcome = try player.wait()
        #expect(outcome.stoppedEarly)
        #expect(outcome.framesWritten < 48_000 * 2)
        let captured = try Signals.readRawS16(path: capture)
        #expect(abs(captured.last ?? 1) < 0.01)
    }

    /// The size of `path`, 0 while it does not exist.
    static func bytes(of path: String) -> Int {
        (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
    }

    @Test("a device that does not exist fails to open with ALSA's reason")
    func missingDevice() {
        #expect {
            _ = try ALSAPCM(configuration: PCMConfiguration(device: "hw:7,0"))
        } throws: { error in
            guard case .openFailed(let device, let message) = error as? ALSAError else { return false }
            return device == "hw:7,0" && !message.isEmpty
        }
    }
}
