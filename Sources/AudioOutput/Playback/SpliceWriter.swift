#if canImport(Glibc)
import Glibc
#endif

/// Writes one item after another to a sink so that every splice is click-free (DESIGN §3). Whatever starts part-way
/// fades in; and because it keeps the frames it wrote last, a cut can take back what the device has not played yet
/// and fade out from exactly what the listener heard last, instead of cutting the buffer off (`snd_pcm_drop`) or
/// fading something that follows it. Mono input is copied to every device channel. Used from one thread only.
public final class SpliceWriter {
    /// The device.
    public let sink: AudioSink
    /// Channels of the input: 1, copied to every device channel, or the device's own count.
    public let inputChannels: Int
    /// Frames of the current item that the device has, or has played: rewinding takes frames back off this count.
    public private(set) var framesWritten = 0

    /// Frames of history kept: the whole device buffer, the most a rewind can take back.
    private let capacity: Int
    /// The last frames written, a ring of `capacity` input frames ending just before `historyEnd`.
    private var history: [Float]
    private var historyEnd = 0
    private var historyCount = 0
    /// Frames just taken back from the device: still in the ring after `historyEnd`, the fade's first material.
    private var takenBack = 0
    private var fadeInFrames = 0
    private var staged: [Float] = []
    private var wide: [Float] = []

    /// Wraps `sink`; `inputChannels` must be 1 or the sink's channel count.
    public init(sink: AudioSink, inputChannels: Int = 1) {
        precondition(inputChannels == 1 || inputChannels == sink.channels, "input channels must be 1 or the sink's")
        self.sink = sink
        self.inputChannels = inputChannels
        capacity = max(1, sink.bufferFrames)
        history = [Float](repeating: 0, count: capacity * inputChannels)
    }

    /// Starts a new item: forgets the last one's frames (a cut never fades into another item) and fades the first
    /// `fadeInFrames` in, for an item that does not start at the beginning of its media or comes back after a cut.
    public func beginItem(fadeInFrames: Int) {
        framesWritten = 0
        historyCount = 0
        takenBack = 0
        self.fadeInFrames = max(0, fadeInFrames)
    }

    /// Writes interleaved frames of the current item, blocking as the device does.
    public func write(_ samples: UnsafeBufferPointer<Float>) throws {
        takenBack = 0
        guard framesWritten < fadeInFrames else { return try emit(samples) }
        if staged.count < samples.count { staged = [Float](repeating: 0, count: samples.count) }
        try staged.withUnsafeMutableBufferPointer { buffer in
            let out = UnsafeMutableBufferPointer(rebasing: buffer[0..<samples.count])
            _ = out.initialize(from: samples)
            applyFadeIn(out, firstFrame: framesWritten)
            try emit(UnsafeBufferPointer(out))
        }
    }

    /// Takes back from the device what listeners have not heard of the current item, so that the fade that follows
    /// replaces it; returns the frames taken back. A device that cannot rewind, or refuses to, keeps them: they
    /// play out and the fade follows them (0 is returned).
    @discardableResult
    public func rewindUnheard() -> Int {
        guard historyCount > 0 else { return 0 }
        let taken = min(historyCount, (try? sink.rewind(upTo: historyCount)) ?? 0)
        guard taken > 0 else { return 0 }
        historyCount -= taken
        historyEnd = (historyEnd - taken + capacity) % capacity
        framesWritten -= taken
        takenBack = taken
        return taken
    }

    /// Writes a fade-out of `frames` frames that continues the item from where the device now stands: first the
    /// frames just taken back, then fresh ones from `continuation` (which reads on from the item's source). Returns
    /// the frames written, fewer when the item ends first.
    @discardableResult
    public func fadeOut(
        frames wanted: Int, continuation: (UnsafeMutableBufferPointer<Float>) throws -> Int
    ) throws -> Int {
        let channels = inputChannels
        let count = max(0, wanted) * channels
        if staged.count < count { staged = [Float](repeating: 0, count: count) }
        let fromHistory = min(takenBack, max(0, wanted))
        takenBack = 0
        return try staged.withUnsafeMutableBufferPointer { buffer in
            copyHistory(frames: fromHistory, into: buffer)
            var filled = fromHistory
            while filled < wanted {
                let slot = UnsafeMutableBufferPointer(rebasing: buffer[(filled * channels)..<count])
                let read = try continuation(slot)
                if read <= 0 { break }
                applyFadeIn(UnsafeMutableBufferPointer(rebasing: slot[0..<(read * channels)]),
                            firstFrame: framesWritten + filled)
                filled += read
            }
            guard filled > 0 else { return 0 }
            for frame in 0..<filled {
                let gain = Self.ramp(frame: filled - frame, of: filled)
                for channel in 0..<channels { buffer[frame * channels + channel] *= gain }
            }
            try emit(UnsafeBufferPointer(rebasing: buffer[0..<(filled * channels)]))
            return filled
        }
    }

    /// A raised-cosine ramp from 0 (`frame` 0) to 1 (`frame` == `length`): smooth at both ends, so it adds no click
    /// of its own.
    static func ramp(frame: Int, of length: Int) -> Float {
        guard length > 0 else { return 1 }
        let position = Double(min(max(frame, 0), length)) / Double(length)
        return Float(0.5 - 0.5 * cos(Double.pi * position))
    }

    private func applyFadeIn(_ samples: UnsafeMutableBufferPointer<Float>, firstFrame: Int) {
        guard firstFrame < fadeInFrames else { return }
        let channels = inputChannels
        for frame in 0..<min(samples.count / channels, fadeInFrames - firstFrame) {
            let gain = Self.ramp(frame: firstFrame + frame, of: fadeInFrames)
            for channel in 0..<channels { samples[frame * channels + channel] *= gain }
        }
    }

    /// Writes to the device, copying mono to every channel, and remembers what was written.
    private func emit(_ samples: UnsafeBufferPointer<Float>) throws {
        let channels = sink.channels
        let frames = samples.count / inputChannels
        if channels == inputChannels {
            try sink.write(samples)
        } else {
            if wide.count < frames * channels { wide = [Float](repeating: 0, count: frames * channels) }
            try wide.withUnsafeMutableBufferPointer { out in
                for frame in 0..<frames {
                    for channel in 0..<channels { out[frame * channels + channel] = samples[frame] }
                }
                try sink.write(UnsafeBufferPointer(rebasing: out[0..<(frames * channels)]))
            }
        }
        remember(samples)
        framesWritten += frames
    }

    /// Appends to the ring, keeping the last `capacity` frames.
    private func remember(_ samples: UnsafeBufferPointer<Float>) {
        let channels = inputChannels
        var frames = samples.count / channels
        var source = 0
        if frames > capacity {
            source = (frames - capacity) * channels
            frames = capacity
        }
        history.withUnsafeMutableBufferPointer { ring in
            var remaining = frames
            while remaining > 0 {
                let run = min(remaining, capacity - historyEnd)
                let target = UnsafeMutableBufferPointer(rebasing: ring[(historyEnd * channels)...])
                _ = target.initialize(from: UnsafeBufferPointer(rebasing: samples[source..<(source + run * channels)]))
                source += run * channels
                historyEnd = (historyEnd + run) % capacity
                remaining -= run
            }
        }
        historyCount = min(capacity, historyCount + frames)
    }

    /// Copies the `frames` frames that follow `historyEnd` in the ring (the ones just taken back) to `buffer`.
    private func copyHistory(frames: Int, into buffer: UnsafeMutableBufferPointer<Float>) {
        let channels = inputChannels
        history.withUnsafeBufferPointer { ring in
            var copied = 0
            var index = historyEnd
            while copied < frames {
                let run = min(frames - copied, capacity - index)
                let slot = UnsafeMutableBufferPointer(rebasing: buffer[(copied * channels)...])
                let kept = UnsafeBufferPointer(rebasing: ring[(index * channels)..<((index + run) * channels)])
                _ = slot.initialize(from: kept)
                copied += run
                index = (index + run) % capacity
            }
        }
    }
}
