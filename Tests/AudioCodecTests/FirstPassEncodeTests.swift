import CommuneCastTesting
import Foundation
import HostSystem
import Testing

@testable import AudioCodec

@Suite("Encoding the limiter's first pass while its loudness is measured")
struct FirstPassEncodeTests {
    /// Forty seconds take the excerpt search (and so the speculative encode) from forty seconds on, as four
    /// minutes do in production; the excerpt is then the first ten seconds.
    static let excerptFrom = 40 * 48_000

    /// Speech-like sound with a syllable three times as loud at the start of every second: the excerpt is like
    /// the whole, so the gain found on it lands the whole signal on the target at once.
    static let alike: [Float] = {
        var samples = Signals.speechLike(seconds: 40, sampleRate: 48_000, peak: 0.1)
        for start in stride(from: 0, to: samples.count, by: 48_000) {
            for index in start..<(start + 16_000) { samples[index] *= 3 }
        }
        return samples
    }()

    /// Speech-like sound with a click every 50 ms after the first ten seconds: the excerpt needs no limiting, the
    /// rest loses much of its loudness to the limiter, so the gain found on the excerpt leaves the whole signal
    /// short of the target.
    static let unlike: [Float] = {
        var samples = Signals.speechLike(seconds: 40, sampleRate: 48_000, peak: 0.1)
        for index in stride(from: 10 * 48_000, to: samples.count, by: 2_400) { samples[index] = 0.9 }
        return samples
    }()

    static var options: EncodeOptions {
        var options = EncodeOptions()
        options.opus.serialNumber = 16
        return options
    }

    /// The whole pipeline's file for `samples`, encoding the first pass speculatively or not.
    static func pipelineFile(_ samples: [Float], speculate: Bool, in directory: TemporaryDirectory) throws
        -> (bytes: [UInt8], gainDB: Double, loudness: Double?) {
        let path = directory.file("\(speculate ? "speculative" : "serial").opus")
        let writer = try AtomicFileWriter(destination: path, replace: false)
        var mono = samples
        let written = try MediaEncoder.normaliseAndWrite(
            &mono, to: writer, title: "test", options: options, progress: nil, excerptFrom: excerptFrom,
            speculate: speculate
        )
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        return (bytes, written.result.gainDB, written.result.loudness)
    }

    /// Runs the speculative stage alone on `samples`: what it returns and how many bytes reached the writer.
    static func speculate(_ samples: [Float], in directory: TemporaryDirectory) throws
        -> (working: [Float], result: LoudnessNormaliser.Result, encoded: Bool, bytesWritten: Int) {
        let writer = try AtomicFileWriter(destination: directory.file("stage.opus"), replace: false)
        defer { writer.abandon() }
        let (loudness, peak) = samples.withUnsafeBufferPointer {
            ((try? LoudnessMeter.integratedLoudness($0, format: .broadcast)) ?? -.infinity,
             LoudnessMeter.samplePeak($0))
        }
        var settings = options.opus
        settings.serialNumber = 16
        let outcome = try MediaEncoder.normaliseWhileEncoding(
            samples, loudness: loudness, peak: peak, options: options, settings: settings,
            tags: { MediaEncoder.tags(loudness: $0, inputRate: nil, title: "", options: options) },
            writer: writer, excerptFrom: excerptFrom, progress: nil
        )
        let size = try FileManager.default.attributesOfItem(atPath: writer.temporaryPath)[.size] as? Int ?? -1
        return (outcome.working, outcome.result, outcome.encoded != nil, size)
    }

    @Test("a first pass that lands on the target is kept, and the file is the one normalising then encoding makes")
    func keptPassGivesTheSameFile() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let stage = try Self.speculate(Self.alike, in: directory)
        #expect(stage.result.limited)
        #expect(stage.encoded)
        #expect(stage.bytesWritten > 0)
        #expect(abs((stage.result.loudness ?? 0) - Self.options.targetLUFS) < 0.2)
        let speculative = try Self.pipelineFile(Self.alike, speculate: true, in: directory)
        let serial = try Self.pipelineFile(Self.alike, speculate: false, in: directory)
        let sameFile = speculative.bytes == serial.bytes
        #expect(sameFile, "\(speculative.bytes.count) bytes speculatively, \(serial.bytes.count) serially")
        #expect(speculative.gainDB == serial.gainDB)
        // The final loudness, not the placeholder the encoder started with, is in the tags.
        let tag = "\(BroadcastReady.loudnessKey)=\(String(format: "%.2f", speculative.loudness ?? 0))"
        #expect(String(decoding: speculative.bytes.prefix(4_096), as: UTF8.self).contains(tag))
    }

    /// A steady tone far above the target: a gain cut alone brings it there, so no excerpt is searched and no
    /// first pass is made, and both halves of the two-core encoder are dropped before any audio reached them.
    @Test("a long signal that needs only a gain cut is encoded: the unused speculative encoder ends cleanly")
    func gainCutOnly() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let loud = Signals.sine(frequency: 440, seconds: 41, sampleRate: 48_000, amplitude: 0.5)
        let stage = try Self.speculate(loud, in: directory)
        #expect(!stage.result.limited)
        #expect(stage.result.gainDB < -1)
        #expect(!stage.encoded)
        #expect(stage.bytesWritten == 0)
        let speculative = try Self.pipelineFile(loud, speculate: true, in: directory)
        let serial = try Self.pipelineFile(loud, speculate: false, in: directory)
        #expect(speculative.bytes == serial.bytes)
        #expect(abs((speculative.loudness ?? 0) - Self.options.targetLUFS) < 0.2)
    }

    @Test("a first pass that misses is dropped unwritten, and the file is the one normalising then encoding makes")
    func missedPassGivesTheSameFile() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let stage = try Self.speculate(Self.unlike, in: directory)
        var searched = Self.unlike
        let measured = try LoudnessMeter.measure(searched, format: .broadcast)
        let serialResult = try LoudnessNormaliser.normalise(
            &searched, loudness: measured.lufs,
            peak: searched.withUnsafeBufferPointer { LoudnessMeter.samplePeak($0) }, peakIsTrue: false,
            options: Self.options, excerptFrom: Self.excerptFrom
        )
        #expect(stage.result.limited)
        #expect(!stage.encoded)
        #expect(stage.bytesWritten == 0)
        #expect(stage.result == serialResult)
        let sameSamples = stage.working == searched
        #expect(sameSamples)
        let speculative = try Self.pipelineFile(Self.unlike, speculate: true, in: directory)
        let serial = try Self.pipelineFile(Self.unlike, speculate: false, in: directory)
        let sameFile = speculative.bytes == serial.bytes
        #expect(sameFile, "\(speculative.bytes.count) bytes speculatively, \(serial.bytes.count) serially")
        #expect(speculative.gainDB == serial.gainDB)
    }
}
