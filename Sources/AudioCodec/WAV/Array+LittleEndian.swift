extension Array where Element == UInt8 {
    /// Reads a little-endian 16-bit field of a RIFF header; callers have checked that the bytes are there.
    func littleEndianUInt16(at offset: Int) -> UInt16 {
        UInt16(self[offset]) | UInt16(self[offset + 1]) << 8
    }

    /// Reads a little-endian 32-bit field of a RIFF header; callers have checked that the bytes are there.
    func littleEndianUInt32(at offset: Int) -> UInt32 {
        UInt32(self[offset]) | UInt32(self[offset + 1]) << 8 | UInt32(self[offset + 2]) << 16
            | UInt32(self[offset + 3]) << 24
    }
}
