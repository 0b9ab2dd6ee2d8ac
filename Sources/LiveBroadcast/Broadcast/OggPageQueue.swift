import Synchronization

/// Encoded Ogg pages between the capture thread, which encodes, and the sending thread. It keeps the stream's header
/// pages apart, since every new connection must start with them, and holds at most `maxBacklogSeconds` of audio:
/// while the server is unreachable the oldest pages are dropped, so the listeners hear the present once the
/// connection is back rather than a growing delay.
final class OggPageQueue: Sendable {
    private struct State {
        var headers: [[UInt8]] = []
        var pages: [(bytes: [UInt8], granule: Int64)] = []
        var dropped = 0
        var closed = false
    }

    private let state = Mutex(State())
    private let maxBacklogFrames: Int64

    /// Creates a queue holding at most `maxBacklogSeconds` of 48 kHz audio.
    init(maxBacklogSeconds: Double) {
        maxBacklogFrames = Int64(maxBacklogSeconds * 48_000)
    }

    /// The granule position of an Ogg page (bytes 6–13, little-endian), or nil when `page` is not one.
    static func granule(of page: UnsafeRawBufferPointer) -> Int64? {
        guard page.count >= 27, page.starts(with: Array("OggS".utf8)) else { return nil }
        var value: Int64 = 0
        for index in (6..<14).reversed() { value = value << 8 | Int64(page[index]) }
        return value
    }

    /// Adds a page from the encoder: a header page while `isHeader`, an audio page otherwise.
    func push(_ page: UnsafeRawBufferPointer, isHeader: Bool) {
        let bytes = [UInt8](page)
        let granule = Self.granule(of: page) ?? 0
        state.withLock { state in
            if isHeader {
                state.headers.append(bytes)
                return
            }
            state.pages.append((bytes, granule))
            while state.pages.count > 1, let first = state.pages.first,
                  granule - first.granule > maxBacklogFrames {
                state.pages.removeFirst()
                state.dropped += 1
            }
        }
    }

    /// Marks the stream as finished: the sender sends what is left and stops.
    func close() { state.withLock { $0.closed = true } }

    /// The header pages, which open every connection.
    var headers: [[UInt8]] { state.withLock { $0.headers } }
    /// Audio pages dropped because the server could not take them in time.
    var dropped: Int { state.withLock { $0.dropped } }

    /// Takes every queued audio page; `closed` says the stream has ended and nothing more will come.
    func takeAll() -> (pages: [[UInt8]], closed: Bool) {
        state.withLock { state in
            let pages = state.pages.map(\.bytes)
            state.pages.removeAll(keepingCapacity: true)
            return (pages, state.closed)
        }
    }
}
