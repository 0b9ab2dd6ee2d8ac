import Foundation

/// Writes WAV fixtures in any format the importer accepts, so tests can make their inputs instead of shipping them.
public enum WAVWriter {
    /// Sample formats a fixture can use.
    public enum Encoding: Sendable {
        case unsigned8, signed16, signed24, signed32, float32
    }

    /// Encodes interleaved float samples as a canonical WAV file's bytes.
    public static func bytes(
        _ samples: [Float], sampleRate: Int, channels: Int, encoding: Encoding = .signed16
    ) -> [UInt8] {
        var data: [UInt8] = []
        let width: Int
        switch encoding {
        case .unsigned8:
            width = 1
            data = samples.map { UInt8(max(0, min(255, (($0 * 128) + 128).rounded()))) }
        case .signed16:
            width = 2
            for sample in samples { data.append(littleEndian: Int16(clamping: Int((sample * 32_768).rounded()))) }
        case .signed24:
            width = 3
            for sample in samples {
                let value = Int32(clamping: Int((sample * 8_388_608).rounded())).clamped(-8_388_608, 8_388_607)
                data.append(contentsOf: [UInt8(value & 0xFF), UInt8((value >> 8) & 0xFF), UInt8((value >> 16) & 0xFF)])
            }
        case .signed32:
            width = 4
            for sample in samples {
                data.append(littleEndian: Int32(clamping: Int64((Double(sample) * 2_147_483_648).rounded())))
            }
        case .float32:
            width = 4
            for sample in samples { data.append(littleEndian: sample.bitPattern) }
        }
        var out: [UInt8] = Array("RIFF".utf8)
        out.append(littleEndian: UInt32(36 + data.count))
        out += Array("WAVEfmt ".utf8)
        out.append(littleEndian: UInt32(16))
        out.append(littleEndian: UInt16(encoding == .float32 ? 3 : 1))
        out.append(littleEndian: UInt16(channels))
        out.append(littleEndian: UInt32(sampleRate))
        out.append(littleEndian: UInt32(sampleRate * channels * width))
        out.append(littleEndian: UInt16(channels * width))
        out.append(littleEndian: UInt16(width * 8))
        out += Array("data".utf8)
        out.append(littleEndian: UInt32(data.count))
        return out + data
    }

    /// Writes a WAV file.
    public static func write(
        _ samples: [Float], to path: String, sampleRate: Int, channels: Int = 1, encoding: Encoding = .signed16
    ) throws {
        let bytes = bytes(samples, sampleRate: sampleRate, channels: channels, encoding: encoding)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }
}

extension Array where Element == UInt8 {
    /// Appends an integer's little-endian bytes.
    mutating func append<T: FixedWidthInteger>(littleEndian value: T) {
        Swift.withUnsafeBytes(of: value.littleEndian) { append(contentsOf: $0) }
    }
}

extension Int32 {
    fileprivate func clamped(_ low: Int32, _ high: Int32) -> Int32 { Swift.max(low, Swift.min(high, self)) }
}
