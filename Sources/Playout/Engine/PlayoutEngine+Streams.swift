import AudioCodec
import StreamInput

extension PlayoutEngine {
    /// Starts reading a stream item's URLs as it goes on air. Its reader's failures and switches become `stream`
    /// events of the item (the as-run log and `Monitor` take them from there), and health sees its state.
    func openStream(_ item: PlayoutItem, configuration: StreamConfiguration) -> StreamPlayback {
        let durationFrames = item.durationSeconds.map { Int(($0 * Self.rate).rounded()) } ?? Int.max
        let onEvent = onEvent
        let playback = StreamPlayback(
            configuration: configuration, durationFrames: durationFrames, startFrame: item.startFrame,
            clock: clock, logger: logger
        ) { event in
            onEvent(PlayoutEvent(kind: .stream, at: event.date, item: item, cause: .stream(event)))
        }
        shared.withLock { $0.currentStream = playback.reader }
        return playback
    }

    /// Ends a stream item's reading once it is off the air, whatever ended it.
    func closeStream(_ playback: StreamPlayback) {
        shared.withLock { if $0.currentStream === playback.reader { $0.currentStream = nil } }
        playback.end()
    }
}
