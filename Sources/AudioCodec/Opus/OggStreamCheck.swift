/// Checks that an Ogg stream is whole before it is decoded. libopusfile quietly decodes up to the last complete
/// page of a cut-off file, which would turn a half-copied announcement into a shorter one without anyone noticing;
/// we refuse such files instead. Only page boundaries are examined: framing and decoding stay with libopusfile.
enum OggStreamCheck {
    private static let capture: [UInt8] = Array("OggS".utf8)
    private static let headerSize = 27

    /// Throws `.truncated` unless the stream's last page is complete and carries the end-of-stream flag.
    static func verifyComplete(_ bytes: [UInt8], path: String) throws(MediaError) {
        guard bytes.count >= headerSize, Array(bytes.prefix(4)) == capture else {
            if bytes.starts(with: capture) || (bytes.count < 4 && capture.starts(with: bytes) && !bytes.isEmpty) {
                throw .truncated(path: path, detail: "the file ends inside the first Ogg page (\(bytes.count) bytes)")
            }
            throw .unrecognised(path: path, leadingBytes: Array(bytes.prefix(4)))
        }
        // A page is at most 27 + 255 + 255 * 255 bytes, so the last page starts within that distance of the end.
        let maxPage = headerSize + 255 + 255 * 255
        let searchStart = max(0, bytes.count - maxPage - capture.count)
        var start = bytes.count - capture.count
        while start >= searchStart {
            if bytes[start] == 0x4F, bytes[start + 1] == 0x67, bytes[start + 2] == 0x67, bytes[start + 3] == 0x53 {
                break
            }
            start -= 1
        }
        guard start >= searchStart else {
            throw .corrupt(path: path, detail: "no Ogg page header found near the end of the file")
        }
        guard bytes.count - start >= headerSize else {
            throw .truncated(path: path, detail: "the last Ogg page header is cut off after \(bytes.count - start) bytes")
        }
        let segments = Int(bytes[start + 26])
        let tableEnd = start + headerSize + segments
        guard tableEnd <= bytes.count else {
            throw .truncated(path: path, detail: "the last Ogg page's segment table is cut off")
        }
        let bodySize = bytes[(start + headerSize)..<tableEnd].reduce(0) { $0 + Int($1) }
        let pageEnd = tableEnd + bodySize
        guard pageEnd <= bytes.count else {
            throw .truncated(
                path: path,
                detail: "the last Ogg page holds \(bytes.count - tableEnd) of its \(bodySize) bytes"
            )
        }
        let endOfStream = bytes[start + 5] & 0x04 != 0
        guard endOfStream else {
            throw .truncated(path: path, detail: "the stream stops without an end-of-stream page")
        }
    }
}
