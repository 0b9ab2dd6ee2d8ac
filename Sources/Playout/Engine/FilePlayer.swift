import AudioCodec
import AudioOutput
import Foundation
import HostSystem
import Synchronization

/// Plays one decoded source to a sink on a dedicated thread, so blocking device writes never run on a caller's
/// thread or an event loop. Used by `communecast media play`; the playout engine builds on the same loop.
public final class FilePlayer: @unchecked Sendable {
    /// How playback ended.
    public struct Outcome: Sendable, Equatable {
        /// Frames the device played, including the fade-out after a stop (frames it took back unheard are not
        /// counted).
        public var framesWritten: Int
        /// Underruns the device recovered from.
        public var underruns: Int
        /// True when `stop()` ended playback early.
        public var stoppedEarly: Bool
    }

    /// Length of the fade applied when playback is stopped part-way, so the speaker does not click.
    public static let fadeOutSeconds = 0.05

    private let source: PCMSource
    private let sink: AudioSink
    private let stopRequested = Atomic<Bool>(false)
    private let finished = DispatchSemaphore(value: 0)
    private var result: Result<Outcome, Error>?

    /// Prepares to play `source` to `sink`; their formats must match.
    public init(source: PCMSource, sink: AudioSink) {
        self.source = source
        self.sink = sink
    }

    /// Starts the audio thread. `progress` is called from it with the frames written so far after every period.
    public func start(progress: (@Sendable (Int) -> Void)? = nil) {
        NamedThread.start("cc-audio", qualityOfService: .userInteractive) { [self] in
            result = Result { try run(progress: progress) }
            finished.signal()
        }
    }

    /// Asks the audio thread to fade out and stop; safe from any thread or a signal handler's queue.
    public func stop() { stopRequested.store(true, ordering: .relaxed) }

    /// Blocks until playback has ended and returns how.
    public func wait() throws -> Outcome {
        finished.wait()
        finished.signal()
        return try result!.get()
    }

    private func run(progress: (@Sendable (Int) -> Void)?) throws -> Outcome {
        let channels = source.format.channels
        let periodFrames = max(1, sink.sampleRate / 50)
        var buffer = [Float](repeating: 0, count: periodFrames * channels)
        let writer = SpliceWriter(sink: sink, inputChannels: channels)
        writer.beginItem(fadeInFrames: 0)
        defer { sink.close() }
        while !stopRequested.load(ordering: .relaxed) {
            let frames = try buffer.withUnsafeMutableBufferPointer { try source.read(into: $0) }
            if frames == 0 {
                sink.drain()
                return Outcome(framesWritten: writer.framesWritten, underruns: sink.underruns, stoppedEarly: false)
            }
            try buffer.withUnsafeBufferPointer {
                try writer.write(UnsafeBufferPointer(rebasing: $0[0..<(frames * channels)]))
            }
            progress?(writer.framesWritten)
        }
        // Take back what the device has not played yet and fade out from what was heard last, then let it play.
        writer.rewindUnheard()
        try writer.fadeOut(frames: Int(Double(sink.sampleRate) * Self.fadeOutSeconds)) { try source.read(into: $0) }
        sink.drain()
        return Outcome(framesWritten: writer.framesWritten, underruns: sink.underruns, stoppedEarly: true)
    }
}
