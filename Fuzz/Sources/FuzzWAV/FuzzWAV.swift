import AudioCodec
import Glibc

/// Where each input is written for `WAVFileReader`: in memory-backed /dev/shm when there is one (a disk-backed /tmp
/// cut the rate to a few executions per second), one file per process so parallel jobs do not collide.
private let scratchPath =
    (access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp") + "/communecast-fuzz-wav-\(getpid()).wav"

/// libFuzzer's test function for the WAV reader: the in-memory header parser, then the file reader that the media
/// pipeline uses, reading every frame the header promises. Rejections are thrown `MediaError`s; nothing may trap.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzWAV(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    _ = WAVHeader.sniff(bytes)
    _ = try? WAVHeader.parse(bytes, fileSize: bytes.count, path: "fuzz.wav")
    // A prefix of a longer file, as the pipeline sees when it examines only the first bytes.
    _ = try? WAVHeader.parse(bytes, fileSize: bytes.count + 4_096, path: "fuzz.wav")
    guard write(bytes, to: scratchPath) else { fatalError("cannot write \(scratchPath)") }
    guard let reader = try? WAVFileReader(path: scratchPath) else { return 0 }
    var samples = [Float](repeating: 0, count: 1_024)
    var frames = 0
    while let got = try? samples.withUnsafeMutableBufferPointer({ try reader.read(into: $0) }), got > 0 {
        frames += got
        for sample in samples[0..<(got * reader.format.channels)] where !(-1.0...1.0).contains(sample) {
            guard sample.isNaN || reader.header.encoding == .float32 else {
                fatalError("integer PCM decoded to \(sample), outside [-1, 1]")
            }
        }
    }
    guard frames == reader.header.frameCount else {
        fatalError("read \(frames) frames, but the header promised \(reader.header.frameCount)")
    }
    return 0
}

/// Replaces the scratch file with `bytes`; false only if the file system refuses.
private func write(_ bytes: [UInt8], to path: String) -> Bool {
    let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
    guard descriptor >= 0 else { return false }
    defer { close(descriptor) }
    var written = 0
    while written < bytes.count {
        let result = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress! + written, bytes.count - written) }
        guard result > 0 else { return false }
        written += result
    }
    return true
}
