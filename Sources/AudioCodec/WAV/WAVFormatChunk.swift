/// The decoded and validated body of a WAV `fmt ` chunk. It exists apart from `WAVHeader` so that every rule
/// about which sample formats we accept lives in one place, and each rejection names exactly what the file holds.
struct WAVFormatChunk: Equatable {
    /// How each sample is stored.
    let encoding: SampleEncoding
    /// Rate and channel count.
    let format: AudioFormat
    /// Whether the chunk used `WAVE_FORMAT_EXTENSIBLE`.
    let isExtensible: Bool
    /// Significant bits in each sample container (`wValidBitsPerSample` for extensible files).
    let validBitsPerSample: Int
    /// Bytes per interleaved frame, checked against `channels * encoding.bytesPerSample`.
    let blockAlign: Int

    /// Bytes of a `fmt ` chunk the parser looks at: the 40-byte `WAVEFORMATEXTENSIBLE`; anything after is ignored.
    static let bytesExamined = 40

    /// `WAVE_FORMAT_PCM`: integer samples.
    static let pcmTag: UInt16 = 0x0001
    /// `WAVE_FORMAT_IEEE_FLOAT`: float samples.
    static let floatTag: UInt16 = 0x0003
    /// `WAVE_FORMAT_EXTENSIBLE`: the real format is in the SubFormat GUID.
    static let extensibleTag: UInt16 = 0xFFFE

    /// Accepted sample rates; outside them the resampler and the loudspeakers give poor results.
    static let sampleRates = 8_000...192_000

    /// The last 12 bytes shared by every `KSDATAFORMAT_SUBTYPE_*` GUID derived from a format tag
    /// (`xxxxxxxx-0000-0010-8000-00aa00389b71`), in the byte order they appear in the file.
    private static let subFormatGUIDTail: [UInt8] = [
        0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71,
    ]

    /// Names of format tags an operator is likely to meet, so a rejection says "A-law" rather than just a number.
    private static let tagNames: [UInt16: String] = [
        0x0001: "PCM",
        0x0002: "Microsoft ADPCM",
        0x0003: "IEEE float",
        0x0006: "A-law",
        0x0007: "mu-law",
        0x0011: "IMA ADPCM",
        0x0031: "GSM 6.10",
        0x0040: "G.721 ADPCM",
        0x0050: "MPEG audio",
        0x0055: "MP3",
        0x0092: "Dolby AC-3",
        0x00FF: "AAC",
        0x0161: "Windows Media Audio",
        0x1610: "HE-AAC",
        0xF1AC: "FLAC",
        0xFFFE: "extensible",
    ]

    /// Decodes and validates a `fmt ` chunk.
    /// - Parameters:
    ///   - body: the chunk's body, at least its first `min(declaredSize, bytesExamined)` bytes.
    ///   - declaredSize: the size the chunk header gives, which decides which optional fields exist.
    ///   - path: the file, for messages only.
    init(body: [UInt8], declaredSize: Int, path: String) throws(MediaError) {
        guard declaredSize >= 16 else {
            throw .corrupt(
                path: path, detail: "the 'fmt ' chunk is \(declaredSize) bytes, but every WAV format needs 16"
            )
        }
        let tag = body.littleEndianUInt16(at: 0)
        let channels = Int(body.littleEndianUInt16(at: 2))
        let sampleRate = Int(body.littleEndianUInt32(at: 4))
        let blockAlign = Int(body.littleEndianUInt16(at: 12))
        let bitsPerSample = Int(body.littleEndianUInt16(at: 14))

        let isFloat: Bool
        var validBits = bitsPerSample
        switch tag {
        case Self.pcmTag:
            isFloat = false
        case Self.floatTag:
            isFloat = true
        case Self.extensibleTag:
            guard declaredSize >= Self.bytesExamined else {
                throw .corrupt(
                    path: path,
                    detail: "the 'fmt ' chunk declares WAVE_FORMAT_EXTENSIBLE (0xFFFE) but is \(declaredSize) bytes, "
                        + "not the 40 that format needs"
                )
            }
            isFloat = try Self.subFormatIsFloat(Array(body[24..<40]), path: path)
            let declaredValid = Int(body.littleEndianUInt16(at: 18))
            guard declaredValid <= bitsPerSample else {
                throw .corrupt(
                    path: path,
                    detail: "the 'fmt ' chunk says \(declaredValid) of each sample's \(bitsPerSample) bits are valid"
                )
            }
            if declaredValid > 0 { validBits = declaredValid }
        default:
            throw .unsupportedFormat(path: path, detail: "format tag \(Self.describe(tag: tag))")
        }

        guard channels > 0 else {
            throw .corrupt(path: path, detail: "the 'fmt ' chunk declares 0 channels")
        }
        guard channels <= 2 else {
            throw .unsupportedFormat(path: path, detail: "\(channels) channels; only mono or stereo are accepted")
        }
        guard Self.sampleRates.contains(sampleRate) else {
            throw .unsupportedFormat(
                path: path,
                detail: "sample rate \(sampleRate) Hz; only \(Self.sampleRates.lowerBound) to "
                    + "\(Self.sampleRates.upperBound) Hz are accepted"
            )
        }
        let encoding = try Self.encoding(bitsPerSample: bitsPerSample, isFloat: isFloat, path: path)
        let expectedAlign = channels * encoding.bytesPerSample
        guard blockAlign == expectedAlign else {
            throw .corrupt(
                path: path,
                detail: "the 'fmt ' chunk gives a block align of \(blockAlign) bytes, but \(channels) channel(s) of "
                    + "\(encoding.humanName) need \(expectedAlign)"
            )
        }

        self.encoding = encoding
        self.format = AudioFormat(sampleRate: sampleRate, channels: channels)
        self.isExtensible = tag == Self.extensibleTag
        self.validBitsPerSample = validBits
        self.blockAlign = blockAlign
    }

    /// Maps a container size to an encoding, rejecting the sizes our converters do not handle.
    private static func encoding(bitsPerSample: Int, isFloat: Bool, path: String) throws(MediaError) -> SampleEncoding {
        if isFloat {
            guard bitsPerSample == 32 else {
                throw .unsupportedFormat(
                    path: path,
                    detail: "\(bitsPerSample)-bit float samples; only 32-bit float is accepted"
                )
            }
            return .float32
        }
        switch bitsPerSample {
        case 8: return .unsigned8
        case 16: return .signed16
        case 24: return .signed24
        case 32: return .signed32
        default:
            throw .unsupportedFormat(
                path: path,
                detail: "\(bitsPerSample)-bit PCM samples; only 8-bit unsigned or 16, 24 or 32-bit signed PCM "
                    + "is accepted"
            )
        }
    }

    /// Reads an extensible chunk's SubFormat GUID; true for IEEE float, false for PCM, and a rejection otherwise.
    private static func subFormatIsFloat(_ guid: [UInt8], path: String) throws(MediaError) -> Bool {
        let code = guid.littleEndianUInt32(at: 0)
        guard Array(guid[4...]) == subFormatGUIDTail, code <= UInt32(UInt16.max) else {
            throw .unsupportedFormat(path: path, detail: "extensible sub-format GUID \(describe(guid: guid))")
        }
        switch UInt16(code) {
        case pcmTag: return false
        case floatTag: return true
        default:
            throw .unsupportedFormat(path: path, detail: "extensible sub-format \(describe(tag: UInt16(code)))")
        }
    }

    /// For example "0x0006 (A-law)", or just "0x1234" for tags we have no name for.
    private static func describe(tag: UInt16) -> String {
        let hex = "0x" + String(tag, radix: 16, uppercase: true).leftPadded(to: 4)
        return tagNames[tag].map { "\(hex) (\($0))" } ?? hex
    }

    /// The GUID in its usual textual form; its first three groups are stored little-endian.
    private static func describe(guid: [UInt8]) -> String {
        func hex(_ bytes: some Sequence<UInt8>) -> String {
            bytes.map { String($0, radix: 16).leftPadded(to: 2) }.joined()
        }
        return [
            hex(guid[0..<4].reversed()), hex(guid[4..<6].reversed()), hex(guid[6..<8].reversed()),
            hex(guid[8..<10]), hex(guid[10..<16]),
        ].joined(separator: "-")
    }
}
