import CommuneCastTesting
import Foundation
import HostSystem
import Testing

@testable import AudioCodec

@Suite("Encoding at the input's own rate: libopusenc resamples, the analysis does not")
struct InputRateEncodeTests {
    /// A minute of 44.1 kHz speech-like sound with a loud syllable every five seconds, so the limiter acts; forty
    /// seconds take the excerpt search and the speculative first pass, as four minutes do in production.
    static let rate = 44_100
    static let signal: [Float] = {
        var samples = Signals.speechLike(seconds: 60, sampleRate: rate, peak: 0.2)
        for start in stride(from: 0, to: samples.count, by: 5 * rate) {
            for index in start..<(start + rate / 3) { samples[index] *= 4 }
        }
        return samples
    }()

    static var options: EncodeOptions {
        var options = EncodeOptions()
        options.opus.serialNumber = 44
        return options
    }

    static func encode(speculate: Bool, in directory: TemporaryDirectory) throws
        -> (bytes: [UInt8], path: String, result: LoudnessNormaliser.Result) {
        let path = directory.file("\(speculate ? "speculative" : "serial").opus")
        let writer = try AtomicFileWriter(destination: path, replace: false)
        var mono = signal
        let written = try MediaEncoder.normaliseAndWrite(
            &mono, sampleRate: rate, to: writer, title: "test", inputRate: rate, options: options, progress: nil,
            excerptFrom: 40 * rate, speculate: speculate
        )
        return (try [UInt8](Data(contentsOf: URL(fileURLWithPath: path))), path, written.result)
    }

    @Test("a 44.1 kHz signal plays as long at 48 kHz, on the target, under the ceiling, and says 44100 in its OpusHead")
    func fileAtTheInputRate() throws {
        let directory = try TemporaryDirectory()
        let encoded = try Self.encode(speculate: true, in: directory)
        #expect(encoded.result.limited)
        let reader = try OggOpusFileReader(path: encoded.path)
        defer { reader.close() }
        #expect(reader.inputSampleRate == Self.rate)
        #expect(reader.frameCount == 60 * 48_000)
        let decoded = try reader.readAll(capacity: 61 * 48_000)
        let measured = try LoudnessMeter.measure(decoded, format: .broadcast)
        #expect(abs(measured.lufs - Self.options.targetLUFS) < 0.5)
        #expect(measured.truePeak <= Self.options.truePeakCeiling)
    }

    @Test("the speculative first pass at 44.1 kHz gives the same file as normalising, then encoding")
    func speculativeMatchesSerial() throws {
        let directory = try TemporaryDirectory()
        let speculative = try Self.encode(speculate: true, in: directory)
        let serial = try Self.encode(speculate: false, in: directory)
        let sameFile = speculative.bytes == serial.bytes
        #expect(sameFile, "\(speculative.bytes.count) bytes speculatively, \(serial.bytes.count) serially")
        #expect(speculative.result == serial.result)
    }
}
