/// What the rest of the system needs to know about a RIFF/WAVE file, found by walking its chunks once.
///
/// Parsing is pure: it never touches the file system, so every acceptance and rejection rule is tested with
/// hand-built bytes. It only reads chunk headers and the `fmt ` body, never the bodies of chunks it skips
/// (`LIST`, `bext`, `JUNK`, embedded cover art…), so the file reader parses straight from disk without loading them.
public struct WAVHeader: Sendable, Equatable {
    /// How each sample is stored in the `data` chunk.
    public var encoding: SampleEncoding
    /// Rate and channel count of the audio.
    public var format: AudioFormat
    /// Whether the `fmt ` chunk used `WAVE_FORMAT_EXTENSIBLE`; `media info` shows it.
    public var isExtensible: Bool
    /// Significant bits per sample: the container size, or `wValidBitsPerSample` when an extensible file gives
    /// fewer. Informational only: samples are decoded by their container size.
    public var validBitsPerSample: Int
    /// Bytes per interleaved frame (`channels * encoding.bytesPerSample`).
    public var blockAlign: Int
    /// Byte offset of the first sample in the file.
    public var dataOffset: Int
    /// Whole frames in the `data` chunk; the pipeline checks it against the length limit.
    public var frameCount: Int

    /// Creates a header from known values; the parser is the usual source, tests build expected values with it.
    public init(
        encoding: SampleEncoding, format: AudioFormat, isExtensible: Bool, validBitsPerSample: Int,
        blockAlign: Int, dataOffset: Int, frameCount: Int
    ) {
        self.encoding = encoding
        self.format = format
        self.isExtensible = isExtensible
        self.validBitsPerSample = validBitsPerSample
        self.blockAlign = blockAlign
        self.dataOffset = dataOffset
        self.frameCount = frameCount
    }

    /// Bytes of audio the reader consumes; a partial frame at the end of the data chunk is not counted.
    public var dataByteCount: Int { frameCount * blockAlign }

    /// Length of the audio, for the pipeline's length limit and `media info`.
    public var seconds: Double { Double(frameCount) / Double(format.sampleRate) }

    /// `data` chunk sizes that streaming writers leave when they cannot seek back: read to the end of the file.
    public static let streamingDataSizes: Set<UInt32> = [0, 0xFFFF_FFFF]

    private static let riffTag: [UInt8] = Array("RIFF".utf8)
    private static let waveTag: [UInt8] = Array("WAVE".utf8)
    private static let formatChunkID: [UInt8] = Array("fmt ".utf8)
    private static let dataChunkID: [UInt8] = Array("data".utf8)

    /// True if `first` (the file's first bytes, at least 12) starts like a RIFF/WAVE file, so the pipeline can
    /// pick a decoder by content rather than by file name.
    public static func sniff(_ first: some Collection<UInt8>) -> Bool {
        let head = Array(first.prefix(12))
        return head.count == 12 && Array(head[0..<4]) == riffTag && Array(head[8..<12]) == waveTag
    }

    /// Parses a header from bytes already in memory.
    ///
    /// - Parameters:
    ///   - bytes: the file, or a prefix of it. A prefix must reach at least the end of the `data` chunk header; when
    ///     it does not and `fileSize` says the file goes on, this throws `.unsupportedFormat` naming how many bytes
    ///     were examined. Readers that can seek should use `parse(fileSize:path:readAt:)`, which has no such limit.
    ///   - fileSize: the file's real size, which decides truncation and where a streaming `data` chunk ends.
    ///   - path: the file, used only in error messages.
    public static func parse(_ bytes: [UInt8], fileSize: Int, path: String) throws(MediaError) -> WAVHeader {
        try parse(fileSize: fileSize, path: path) { offset, count throws(MediaError) in
            let end = min(offset + count, fileSize)
            guard end <= bytes.count else {
                throw .unsupportedFormat(
                    path: path,
                    detail: "the chunks before the audio data extend past the first \(bytes.count) bytes examined"
                )
            }
            return offset < end ? Array(bytes[offset..<end]) : []
        }
    }

    /// Parses a header by asking for the few byte ranges it needs: the RIFF header, each chunk header, and the
    /// `fmt ` body. Chunks it skips are never read, so large metadata before the audio costs nothing.
    ///
    /// - Parameters:
    ///   - fileSize: the file's size; every decision about truncation is made against it.
    ///   - path: the file, used only in error messages.
    ///   - readAt: returns up to `count` bytes starting at `offset`, fewer only where the file ends.
    public static func parse(
        fileSize: Int,
        path: String,
        readAt: (_ offset: Int, _ count: Int) throws(MediaError) -> [UInt8]
    ) throws(MediaError) -> WAVHeader {
        /// Reads a range the size checks already proved present; a short answer means the file shrank meanwhile.
        func fetch(_ offset: Int, _ count: Int, _ what: String) throws(MediaError) -> [UInt8] {
            let bytes = try readAt(offset, count)
            guard bytes.count == count else {
                throw .truncated(path: path, detail: "the file ends at byte \(offset + bytes.count), inside \(what)")
            }
            return bytes
        }

        let riff = try readAt(0, 12)
        guard riff.count >= 4, Array(riff[0..<4]) == riffTag else {
            throw .unrecognised(path: path, leadingBytes: Array(riff.prefix(4)))
        }
        guard riff.count == 12, fileSize >= 12 else {
            throw .truncated(path: path, detail: "the file is \(riff.count) bytes, shorter than a 12-byte RIFF header")
        }
        guard Array(riff[8..<12]) == waveTag else {
            throw .unrecognised(path: path, leadingBytes: Array(riff.prefix(4)))
        }

        var formatChunk: WAVFormatChunk?
        var offset = 12
        while true {
            guard offset + 8 <= fileSize else {
                let missing = formatChunk == nil ? "'fmt ' or 'data' chunk" : "'data' chunk"
                throw .truncated(path: path, detail: "the file ends at byte \(fileSize), before any \(missing)")
            }
            let chunkHeader = try fetch(offset, 8, "a chunk header at byte \(offset)")
            let id = Array(chunkHeader[0..<4])
            let size = Int(chunkHeader.littleEndianUInt32(at: 4))
            let bodyOffset = offset + 8

            if id == dataChunkID {
                guard let formatChunk else {
                    throw .corrupt(
                        path: path, detail: "the 'data' chunk at byte \(offset) comes before any 'fmt ' chunk"
                    )
                }
                return try WAVHeader(
                    formatChunk, dataOffset: bodyOffset, declaredSize: size, fileSize: fileSize, path: path
                )
            }
            guard bodyOffset + size <= fileSize else {
                throw .truncated(
                    path: path,
                    detail: "the '\(describe(chunkID: id))' chunk at byte \(offset) claims \(size) bytes, but the file "
                        + "ends \(fileSize - bodyOffset) bytes into it, before the audio data"
                )
            }
            if id == formatChunkID, formatChunk == nil {
                let examined = min(size, WAVFormatChunk.bytesExamined)
                let body = try fetch(bodyOffset, examined, "the 'fmt ' chunk")
                formatChunk = try WAVFormatChunk(body: body, declaredSize: size, path: path)
            }
            // RIFF pads odd-sized chunks with one byte that the size does not count.
            offset = bodyOffset + size + (size & 1)
        }
    }

    /// Completes a header once the `data` chunk is found, applying the streaming-size and truncation rules.
    private init(
        _ chunk: WAVFormatChunk, dataOffset: Int, declaredSize: Int, fileSize: Int, path: String
    ) throws(MediaError) {
        let present = fileSize - dataOffset
        let byteCount: Int
        if Self.streamingDataSizes.contains(UInt32(declaredSize)) {
            byteCount = present
        } else {
            guard declaredSize <= present else {
                throw .truncated(
                    path: path,
                    detail: "the 'data' chunk claims \(declaredSize) bytes of audio, but only \(present) are present"
                )
            }
            byteCount = declaredSize
        }
        let frameCount = byteCount / chunk.blockAlign
        guard frameCount > 0 else { throw .empty(path: path) }
        self.init(
            encoding: chunk.encoding, format: chunk.format, isExtensible: chunk.isExtensible,
            validBitsPerSample: chunk.validBitsPerSample, blockAlign: chunk.blockAlign, dataOffset: dataOffset,
            frameCount: frameCount
        )
    }

    /// A chunk ID as text when it is printable ASCII, as RIFF intends, else as hex so odd bytes stay visible.
    private static func describe(chunkID: [UInt8]) -> String {
        if chunkID.allSatisfy({ (0x20...0x7E).contains($0) }) {
            return String(decoding: chunkID, as: UTF8.self)
        }
        return chunkID.map { "0x" + String($0, radix: 16, uppercase: true).leftPadded(to: 2) }.joined(separator: " ")
    }
}
