import COpusFile
import Foundation

/// Decodes the Ogg Opus stream an encoder is writing, page by page as the pages are made, on a thread of its own,
/// and measures the true peak and the integrated loudness of what a listener will hear. Opus coding lets peaks
/// overshoot the signal it was given, so this is what proves the stored file itself keeps under the ceiling; and it
/// drops the top of the band, which takes a few tenths of a LU off speech and more off noise, so the loudness
/// reported is the file's own (`media info` and ffmpeg's `ebur128` measure the same things). It runs on the second
/// core beside the encoder, which keeps the check nearly free in wall time, and oversamples only the blocks that can
/// hold the peak (`TruePeakScanner`), which keeps it cheap in CPU time.
final class EncodedFileMeter: @unchecked Sendable {
    /// What the decoded file measured; either is nil when the stream could not be decoded back, the loudness also
    /// when the file is too short or too quiet to measure.
    struct Measurement {
        /// True peak, dBTP.
        var truePeak: Double?
        /// Integrated loudness, LUFS.
        var loudness: Double?
    }

    /// The bytes handed over by the encoder's sink, consumed by libopusfile's read callback. Unbounded, so the
    /// encoder never waits for the decoder: the whole encoded file is small.
    private final class Pipe: @unchecked Sendable {
        let chunks = ChunkQueue<[UInt8]>(capacity: .max)
        var current: [UInt8] = []
        var offset = 0

        /// Copies up to `count` bytes into `destination`, waiting for the encoder; 0 at the end of the stream.
        func read(into destination: UnsafeMutablePointer<UInt8>, count: Int) -> Int {
            if offset == current.count {
                guard let next = chunks.take() else { return 0 }
                current = next
                offset = 0
            }
            let taken = min(count, current.count - offset)
            current.withUnsafeBufferPointer { destination.update(from: $0.baseAddress! + offset, count: taken) }
            offset += taken
            return taken
        }
    }

    private let pipe = Pipe()
    private let result: BackgroundValue<Measurement>

    /// Starts the decoding thread; it waits for the first pages.
    init() {
        let pipe = pipe
        result = BackgroundValue("cc-encoded-peak") { Self.measure(pipe) }
    }

    /// Hands over bytes the encoder wrote.
    func feed(_ bytes: UnsafeRawBufferPointer) {
        pipe.chunks.put(Array(bytes))
    }

    /// Ends the stream and waits for the measurement (when the stream could not be decoded, the caller relies on
    /// what it measured before encoding).
    func finish() -> Measurement {
        pipe.chunks.finish()
        return (try? result.value) ?? Measurement()
    }

    deinit { pipe.chunks.finish() }

    private static func measure(_ pipe: Pipe) -> Measurement {
        let context = Unmanaged.passRetained(pipe)
        defer { context.release() }
        var callbacks = OpusFileCallbacks(
            read: { stream, destination, count in
                guard let stream, let destination else { return -1 }
                let pipe = Unmanaged<Pipe>.fromOpaque(stream).takeUnretainedValue()
                return Int32(pipe.read(into: destination, count: Int(count)))
            },
            seek: nil, tell: nil, close: nil
        )
        var error: Int32 = 0
        guard let file = op_open_callbacks(context.toOpaque(), &callbacks, nil, 0, &error) else {
            drain(pipe)
            return Measurement()
        }
        // libopus's plain decoder instead of libopusfile's multistream one, which probes the CPU on every packet.
        let packets = OpusPacketDecoder(file: file)
        packets.install()
        defer {
            op_free(file)
            packets.close()
        }
        guard let scanner = try? TruePeakScanner(),
              let meter = try? LoudnessMeter(format: AudioFormat(sampleRate: 48_000, channels: 1), truePeak: false)
        else {
            drain(pipe)
            return Measurement()
        }
        var buffer = [Float](repeating: 0, count: 5_760 * 2)
        while true {
            let frames = buffer.withUnsafeMutableBufferPointer {
                op_read_float(file, $0.baseAddress, Int32($0.count), nil)
            }
            if frames == OP_HOLE { continue }
            if frames <= 0 { break }
            buffer.withUnsafeBufferPointer {
                let decoded = UnsafeBufferPointer(rebasing: $0[0..<Int(frames)])
                scanner.add(decoded)
                meter.add(decoded)
            }
        }
        drain(pipe)
        return Measurement(truePeak: scanner.finish().finiteOrNil, loudness: meter.integratedLoudness.finiteOrNil)
    }

    /// Reads whatever is left, so an encoder still writing is never blocked by a decoder that gave up.
    private static func drain(_ pipe: Pipe) {
        var scratch = [UInt8](repeating: 0, count: 65_536)
        while scratch.withUnsafeMutableBufferPointer({ pipe.read(into: $0.baseAddress!, count: $0.count) }) > 0 {}
    }
}
