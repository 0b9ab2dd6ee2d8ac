import AudioCodec
import BroadcastModel
import Dispatch
import Logging
import StreamInput

/// A stream item's audio as the engine's segments read it: a `StreamReader` started when the item goes on air,
/// pulled one period at a time by the audio thread (one short lock, never a wait on the network), and ended after
/// the item's duration. While the reader connects, or a URL has run dry, it gives silence, so the engine's fades,
/// preemption, stop and as-run rules apply to a relay exactly as to media.
final class StreamPlayback: PCMSource {
    /// Mono 48 kHz, as the reader decodes and the broadcast format is.
    let format = AudioFormat.broadcast
    /// The item's whole duration, frames.
    let frameCount: Int?
    /// The reader; its status is what health shows.
    let reader: StreamReader
    /// Frames still to play.
    private var remaining: Int

    /// Starts reading `configuration` for `durationFrames` in all, of which `startFrame` were already played (a
    /// resumed relay plays only what is left of its time). Every failure and switch goes to `onEvent`, on the
    /// reader's thread, dated and timed by the engine's `clock`.
    init(configuration: StreamConfiguration, durationFrames: Int, startFrame: Int, clock: any Clock, logger: Logger,
         onEvent: @escaping @Sendable (StreamEvent) -> Void) {
        frameCount = durationFrames
        remaining = max(0, durationFrames - startFrame)
        reader = StreamReader(configuration: configuration, clock: clock, logger: logger) { event in
            if case .stopped = event.kind { return }
            onEvent(event)
        }
        reader.start()
    }

    /// Fills up to `buffer.count` frames from the reader, ending after the duration.
    func read(into buffer: UnsafeMutableBufferPointer<Float>) throws -> Int {
        let frames = min(buffer.count, remaining)
        guard frames > 0 else { return 0 }
        reader.pull(into: UnsafeMutableBufferPointer(rebasing: buffer[0..<frames]))
        remaining -= frames
        return frames
    }

    /// Stops the reader without holding up the audio thread: closing a connection and joining the reading thread
    /// may take a moment, so it happens on a utility queue.
    func end() {
        let reader = reader
        DispatchQueue.global(qos: .utility).async { reader.stop() }
    }
}
