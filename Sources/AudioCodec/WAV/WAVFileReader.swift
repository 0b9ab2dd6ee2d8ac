import Glibc

/// Streams a WAV file's audio from disk as Float samples in [-1, 1], so hour-long inputs never sit in memory and
/// the encoder keeps pace with `opusenc`.
///
/// It reads with POSIX `pread` into one 256 KiB staging buffer and converts with one tight loop per encoding.
/// It stops exactly at the end of the `data` chunk, so chunks after the audio are never played as noise. It owns
/// its file descriptor: call `close()` when done early; `deinit` closes it otherwise.
public final class WAVFileReader: PCMSource {
    /// The file, as given; every error names it.
    public let path: String
    /// What the file's headers say.
    public let header: WAVHeader

    /// Bytes read from disk per system call; large enough that system-call cost disappears, small enough to
    /// stay in L2 cache while converting.
    public static let stagingByteCount = 256 * 1024

    private var descriptor: Int32
    private let staging: UnsafeMutableRawBufferPointer
    private var framesDelivered = 0

    /// Rate and channel count of the frames `read` produces.
    public var format: AudioFormat { header.format }
    /// Frames in the `data` chunk; always known for WAV.
    public var frameCount: Int? { header.frameCount }

    /// Opens `path` and parses its headers, reading only the chunk headers and the `fmt ` body.
    /// Throws `.unreadable` if the file cannot be opened or is not a regular file, and the parser's errors for
    /// anything that is not an accepted WAV.
    public init(path: String) throws(MediaError) {
        // O_NONBLOCK keeps a FIFO from hanging the open; it has no effect on reads from regular files.
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else {
            throw .unreadable(path: path, reason: Self.errnoText())
        }
        let header: WAVHeader
        do {
            let fileSize = try Self.regularFileSize(descriptor, path: path)
            header = try WAVHeader.parse(fileSize: fileSize, path: path) { offset, count throws(MediaError) in
                let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: count, alignment: 1)
                defer { buffer.deallocate() }
                let got = try Self.readFully(descriptor, into: buffer, at: offset, path: path)
                return Array(buffer[0..<got])
            }
        } catch {
            Glibc.close(descriptor)
            throw error
        }
        self.path = path
        self.header = header
        self.descriptor = descriptor
        self.staging = .allocate(byteCount: Self.stagingByteCount, alignment: 16)
    }

    deinit {
        close()
        staging.deallocate()
    }

    /// Releases the file descriptor now rather than when the reader is freed; later reads throw `.unreadable`.
    public func close() {
        guard descriptor >= 0 else { return }
        Glibc.close(descriptor)
        descriptor = -1
    }

    /// Fills `buffer` with up to `buffer.count / format.channels` frames; returns 0 once the `data` chunk is done.
    /// Throws `.truncated` if the file shrank since it was opened, `.unreadable` if the disk read fails.
    public func read(into buffer: UnsafeMutableBufferPointer<Float>) throws(MediaError) -> Int {
        guard descriptor >= 0 else {
            throw .unreadable(path: path, reason: "the reader was already closed")
        }
        guard let output = buffer.baseAddress else { return 0 }
        let channels = header.format.channels
        let wanted = min(buffer.count / channels, header.frameCount - framesDelivered)
        let framesPerRead = Self.stagingByteCount / header.blockAlign
        var done = 0
        while done < wanted {
            let frames = min(wanted - done, framesPerRead)
            let byteCount = frames * header.blockAlign
            let offset = header.dataOffset + framesDelivered * header.blockAlign
            let chunk = UnsafeMutableRawBufferPointer(rebasing: staging[0..<byteCount])
            let got = try Self.readFully(descriptor, into: chunk, at: offset, path: path)
            guard got == byteCount else {
                throw .truncated(
                    path: path,
                    detail: "the file ends at byte \(offset + got), but its headers place audio up to byte "
                        + "\(header.dataOffset + header.dataByteCount); it shrank while being read"
                )
            }
            convert(sampleCount: frames * channels, to: output + done * channels)
            done += frames
            framesDelivered += frames
        }
        return done
    }

    /// Turns the staged little-endian samples into Float, one loop per encoding so each stays tight.
    private func convert(sampleCount: Int, to output: UnsafeMutablePointer<Float>) {
        let source = UnsafeRawPointer(staging.baseAddress!)
        switch header.encoding {
        case .unsigned8:
            let bytes = source.assumingMemoryBound(to: UInt8.self)
            for index in 0..<sampleCount {
                output[index] = (Float(bytes[index]) - 128) * (1 / 128)
            }
        case .signed16:
            for index in 0..<sampleCount {
                let sample = Int16(littleEndian: source.loadUnaligned(fromByteOffset: index &* 2, as: Int16.self))
                output[index] = Float(sample) * (1 / 32_768)
            }
        case .signed24:
            let bytes = source.assumingMemoryBound(to: UInt8.self)
            for index in 0..<sampleCount {
                let at = index &* 3
                // Assemble the 24 bits at the top of a word, then shift back down to sign-extend.
                let word = UInt32(bytes[at]) << 8 | UInt32(bytes[at &+ 1]) << 16 | UInt32(bytes[at &+ 2]) << 24
                output[index] = Float(Int32(bitPattern: word) >> 8) * (1 / 8_388_608)
            }
        case .signed32:
            for index in 0..<sampleCount {
                let sample = Int32(littleEndian: source.loadUnaligned(fromByteOffset: index &* 4, as: Int32.self))
                output[index] = Float(sample) * (1 / 2_147_483_648)
            }
        case .float32:
            for index in 0..<sampleCount {
                let bits = UInt32(littleEndian: source.loadUnaligned(fromByteOffset: index &* 4, as: UInt32.self))
                output[index] = Float(bitPattern: bits)
            }
        case .opus:
            preconditionFailure("WAVHeader.parse never yields the .opus encoding")
        }
    }

    /// Checks that the descriptor is a regular file and returns its size; directories and devices are refused
    /// up front so the operator hears why rather than getting a read error later.
    private static func regularFileSize(_ descriptor: Int32, path: String) throws(MediaError) -> Int {
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            throw .unreadable(path: path, reason: errnoText())
        }
        switch status.st_mode & S_IFMT {
        case S_IFREG: return Int(status.st_size)
        case S_IFDIR: throw .unreadable(path: path, reason: "is a directory")
        default: throw .unreadable(path: path, reason: "is not a regular file")
        }
    }

    /// Reads until `buffer` is full or the file ends, retrying interrupted and partial reads.
    /// Returns the bytes read, fewer than `buffer.count` only at the end of the file.
    private static func readFully(
        _ descriptor: Int32, into buffer: UnsafeMutableRawBufferPointer, at offset: Int, path: String
    ) throws(MediaError) -> Int {
        var got = 0
        while got < buffer.count {
            let result = pread(descriptor, buffer.baseAddress! + got, buffer.count - got, off_t(offset + got))
            if result > 0 {
                got += result
            } else if result == 0 {
                break
            } else if errno != EINTR {
                throw .unreadable(path: path, reason: "reading at byte \(offset + got) failed: \(errnoText())")
            }
        }
        return got
    }

    /// The C library's text for the current `errno`, e.g. "No such file or directory".
    private static func errnoText() -> String {
        String(cString: strerror(errno))
    }
}
