import AudioCodec
import AudioOutput
import CommuneCastTesting
import Foundation
import Playout
import Synchronization
import Testing

@Suite("Playback through real ALSA into the file plugin")
struct ALSAPlaybackTests {
    /// The frames a player reported last, from its audio thread.
    final class Progress: Sendable {
        let frames = Mutex(0)
    }

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

    @Test("samples become 16-bit rounded to the nearest step and clamped at full scale")
    func conversion() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let capture = directory.file("converted.raw")
        let sink = try ALSASink(configuration: PCMConfiguration(device: Self.captureDevice(capture)), pacing: .never)
        let step: Float = 1.0 / 32_768
        let samples: [Float] = [0, 1.5, -1.5, 1, -1, 2.4 * step, -2.6 * step, 100.3 * step, -0.4 * step, .nan]
        try samples.withUnsafeBufferPointer { try sink.write($0) }
        sink.drain()
        sink.close()
        let data = try Data(contentsOf: URL(fileURLWithPath: capture))
        let values = data.withUnsafeBytes { $0.bindMemory(to: Int16.self).map { Int16(littleEndian: $0) } }
        #expect(values == [0, 32_767, -32_768, 32_767, -32_768, 2, -3, 100, 0, -32_768])
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

    @Test("stopping part-way takes back what was not heard and fades out from the last frame heard")
    func stopEarly() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let opus = try MediaFixtures.sweep(from: 300, to: 700, seconds: 10, at: directory.file("long.opus"))
        let capture = directory.file("stopped.raw")
        let sink = try ALSASink(configuration: PCMConfiguration(device: Self.captureDevice(capture)), pacing: .always)
        let player = FilePlayer(source: try OggOpusFileReader(path: opus), sink: sink)
        let halfSecond = DispatchSemaphore(value: 0)
        let written = Progress()
        player.start { frames in
            written.frames.withLock { $0 = frames }
            if frames >= 24_000 && frames - 960 < 24_000 { halfSecond.signal() }
        }
        #expect(halfSecond.wait(timeout: .now() + 60) == .success)
        player.stop()
        let outcome = try player.wait()
        #expect(outcome.stoppedEarly)

        // The device held up to a buffer of unheard audio when the stop came; the cut is before all of it.
        let fade = Int(48_000 * FilePlayer.fadeOutSeconds)
        let cut = outcome.framesWritten - fade
        let atStop = written.frames.withLock { $0 }
        #expect(cut < atStop && cut >= atStop - sink.bufferFrames, "cut at \(cut), \(atStop) written")
        let captured = try Signals.readRawS16(path: capture)
        let decoded = try CaptureWalk.decode(opus)
        var walk = CaptureWalk(captured)
        walk.expect(decoded[0..<cut], "played before the stop")
        walk.expect(decoded[cut..<(cut + fade)], "fade-out", gain: CaptureWalk.fadeOut(fade))
        #expect(walk.problems.isEmpty, "\(walk.problems)")
        #expect(walk.remaining == 0)
        let edges = Splices.edges(in: captured)
        #expect(edges.map(\.kind) == [.start, .stop])
        #expect(edges.allSatisfy { $0.steepness < 0.25 }, "\(edges)")
        #expect(Splices.largestStep(in: captured).step <= Splices.largestStep(in: decoded).step + CaptureWalk.tolerance)
    }

    @Test("the file plugin rewinds for real: frames taken back never reach the file, and what follows joins on")
    func fileRewinds() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let capture = directory.file("rewound.raw")
        let sink = try ALSASink(configuration: PCMConfiguration(device: Self.captureDevice(capture)), pacing: .always)
        #expect(sink.bufferFrames > 0)
        let first: [Float] = (0..<24_000).map { Float($0) / 48_000 }
        let then = [Float](repeating: -0.25, count: 960)
        try first.withUnsafeBufferPointer { try sink.write($0) }
        let unheard = sink.queuedFrames
        let taken = try sink.rewind(upTo: 24_000)
        #expect(taken > 0 && taken <= unheard, "took back \(taken) of \(unheard) unheard")
        try then.withUnsafeBufferPointer { try sink.write($0) }
        sink.drain()
        sink.close()
        var walk = CaptureWalk(try Signals.readRawS16(path: capture))
        walk.expect(first[0..<(first.count - taken)], "kept")
        walk.expect(then[...], "written after the rewind")
        #expect(walk.problems.isEmpty, "\(walk.problems)")
        #expect(walk.remaining == 0)
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
