import COgg

/// Walks every page of an Ogg stream with libogg, which checks each page's capture pattern and CRC, without decoding
/// anything: a cheap proof that an upload arrived whole and unaltered.
enum OggPageCheck {
    /// The number of pages, or a `.corrupt` error naming the byte offset where the stream stops being valid Ogg.
    static func verify(_ bytes: [UInt8], path: String) throws(MediaError) -> Int {
        var sync = ogg_sync_state()
        ogg_sync_init(&sync)
        defer { ogg_sync_clear(&sync) }
        guard let buffer = ogg_sync_buffer(&sync, bytes.count) else {
            throw .corrupt(path: path, detail: "libogg could not allocate \(bytes.count) bytes")
        }
        bytes.withUnsafeBufferPointer { source in
            buffer.withMemoryRebound(to: UInt8.self, capacity: bytes.count) {
                $0.update(from: source.baseAddress!, count: bytes.count)
            }
        }
        ogg_sync_wrote(&sync, bytes.count)
        var page = ogg_page()
        var pages = 0
        var consumed = 0
        while true {
            let result = ogg_sync_pageout(&sync, &page)
            if result == 0 { break }
            if result < 0 {
                throw .corrupt(path: path, detail: "Ogg page \(pages + 1) (near byte \(consumed)) fails its CRC or "
                               + "capture check")
            }
            pages += 1
            consumed += page.header_len + page.body_len
        }
        guard consumed == bytes.count else {
            throw .truncated(path: path, detail: "\(bytes.count - consumed) bytes after the last whole Ogg page")
        }
        return pages
    }
}
