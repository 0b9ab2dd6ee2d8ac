import COgg

/// Muxes Opus audio packets into Ogg pages with libogg, behind header pages made elsewhere (libopusenc's, which
/// carry the OpusHead and OpusTags): its first page is numbered after them and does not begin the stream. A page is
/// closed once it spans a second of audio (libopusenc's default muxing delay), or earlier by libogg's own size rule;
/// the packet marked last ends the stream. Each page reaches the sink in one piece.
final class OggAudioPageWriter {
    private var stream = ogg_stream_state()
    private let sink: OggOpusEncoder.Sink
    private var packetNumber: Int64 = 2
    /// The granule position that closed the last page.
    private var pageGranule: Int64 = 0
    private static let pageSpan: Int64 = 48_000

    init(serialNumber: Int32, headerPages: Int, sink: @escaping OggOpusEncoder.Sink) {
        self.sink = sink
        ogg_stream_init(&stream, serialNumber)
        stream.pageno = headerPages
        stream.b_o_s = 1
    }

    deinit { ogg_stream_clear(&stream) }

    /// Adds one packet ending at `granule` (48 kHz samples, pre-skip included).
    func add(_ packet: [UInt8], granule: Int64, last: Bool) throws {
        let accepted = packet.withUnsafeBufferPointer { bytes in
            var entry = ogg_packet(
                packet: UnsafeMutablePointer(mutating: bytes.baseAddress), bytes: bytes.count, b_o_s: 0,
                e_o_s: last ? 1 : 0, granulepos: granule, packetno: packetNumber
            )
            return ogg_stream_packetin(&stream, &entry)
        }
        guard accepted == 0 else {
            throw MediaError.library(function: "ogg_stream_packetin", code: accepted,
                                     message: "libogg refused a packet")
        }
        packetNumber += 1
        var page = ogg_page()
        if last || granule - pageGranule >= Self.pageSpan {
            while ogg_stream_flush(&stream, &page) != 0 { try emit(&page) }
        } else {
            while ogg_stream_pageout(&stream, &page) != 0 { try emit(&page) }
        }
    }

    private func emit(_ page: inout ogg_page) throws {
        pageGranule = ogg_page_granulepos(&page)
        var bytes = [UInt8](UnsafeBufferPointer(start: page.header, count: page.header_len))
        bytes.append(contentsOf: UnsafeBufferPointer(start: page.body, count: page.body_len))
        try bytes.withUnsafeBytes { try sink($0) }
    }
}
