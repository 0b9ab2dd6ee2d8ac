import COgg

/// Walks every page of an Ogg stream with libogg, which checks each page's capture pattern and CRC, without decoding
/// anything: a cheap proof that an upload arrived whole and unaltered.
enum OggPageCheck {
    /// The number of pages, or a `.corrupt` error naming the byte offset where the stream stops being valid Ogg
    /// (and ``MediaError/joinedStreams(path:)`` for two streams with one serial number, which libopusfile cannot
    /// tell apart).
    static func verify(_ bytes: [UInt8], path: String) throws(MediaError) -> Int {
        var pages = 0
        var consumed = 0
        var beginnings = BeginningsOfStreams()
        let walked = bytes.withUnsafeBytes { bytes in
            walk(bytes) { page in
                pages += 1
                consumed += page.header_len + page.body_len
                return !beginnings.repeatsSerial(&page)
            }
        }
        if beginnings.repeated { throw .joinedStreams(path: path) }
        switch walked {
        case .noMemory:
            throw .corrupt(path: path, detail: "libogg could not allocate \(bytes.count) bytes")
        case .badPage:
            throw .corrupt(path: path, detail: "Ogg page \(pages + 1) (near byte \(consumed)) fails its CRC or "
                           + "capture check")
        case .done:
            break
        }
        guard consumed == bytes.count else {
            throw .truncated(path: path, detail: "\(bytes.count - consumed) bytes after the last whole Ogg page")
        }
        return pages
    }

    /// Whether a second stream begins after the first with the first's serial number: two files joined end to end
    /// (`cat a.opus b.opus`) by the same encoder settings. libopusfile reads a chain of streams, but not one whose
    /// links cannot be told apart, and reports a hole in the middle.
    static func beginsAgainWithSameSerial(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var beginnings = BeginningsOfStreams()
        _ = walk(bytes) { !beginnings.repeatsSerial(&$0) }
        return beginnings.repeated
    }

    /// The first stream's serial number, and whether a later stream began with it.
    private struct BeginningsOfStreams {
        var first: Int32?
        var repeated = false

        /// Notes `page` if it begins a stream; true once a stream began with the first's serial number.
        mutating func repeatsSerial(_ page: inout ogg_page) -> Bool {
            guard ogg_page_bos(&page) != 0 else { return false }
            let serial = ogg_page_serialno(&page)
            guard let first else {
                first = serial
                return false
            }
            repeated = serial == first
            return repeated
        }
    }

    /// How a walk over the pages ended.
    private enum Walk {
        /// Every page was visited, or the visitor had seen enough.
        case done
        /// A page failed its CRC or capture check.
        case badPage
        /// libogg could not hold the bytes.
        case noMemory
    }

    /// Hands each whole page of `bytes` to `visit` until it returns false.
    private static func walk(_ bytes: UnsafeRawBufferPointer, visit: (inout ogg_page) -> Bool) -> Walk {
        var sync = ogg_sync_state()
        ogg_sync_init(&sync)
        defer { ogg_sync_clear(&sync) }
        guard let buffer = ogg_sync_buffer(&sync, bytes.count) else { return .noMemory }
        if let source = bytes.baseAddress {
            UnsafeMutableRawPointer(buffer).copyMemory(from: source, byteCount: bytes.count)
        }
        ogg_sync_wrote(&sync, bytes.count)
        var page = ogg_page()
        while true {
            let result = ogg_sync_pageout(&sync, &page)
            if result == 0 { return .done }
            if result < 0 { return .badPage }
            if !visit(&page) { return .done }
        }
    }
}
