import Synchronization

/// Decoded mono audio between a stream's decoding thread and the audio thread. The decoding thread pushes as the
/// network delivers; the audio thread pulls one period at a time and never waits beyond the lock, which is held only
/// for a copy. It never holds more than its capacity: a burst beyond it drops the oldest audio, so the delay stays
/// bounded whatever the server sends. When it runs dry the last frames fade out, silence follows, and playback
/// resumes with a fade-in once the level is back at the low mark, so an underrun never clicks.
final class JitterBuffer: Sendable {
    /// Frames of the fades around an underrun (5 ms).
    static let fadeFrames = 240

    private struct State: ~Copyable {
        var ring: [Float]
        var head = 0
        var count = 0
        /// Whether the audio thread has begun taking audio (the source is on air).
        var started = false
        /// After an underrun: waiting for the level to reach the low mark again.
        var rebuffering = false
        /// Frames of fade-in still to apply.
        var fadeIn = 0
        var underrunFrames = 0
        var droppedFrames = 0
        var pushedFrames = 0
    }

    /// Frames per second.
    let sampleRate: Int
    /// Most frames held.
    let capacityFrames: Int
    /// The level playback resumes at after an underrun, frames.
    let lowFrames: Int
    private let state: Mutex<State>

    /// Creates an empty buffer.
    init(settings: JitterSettings, sampleRate: Int = 48_000) {
        self.sampleRate = sampleRate
        capacityFrames = max(1, Int(settings.capacity * Double(sampleRate)))
        lowFrames = min(capacityFrames, Int(settings.low * Double(sampleRate)))
        state = Mutex(State(ring: [Float](repeating: 0, count: capacityFrames)))
    }

    /// Decoded audio in hand, seconds.
    var level: Double { Double(state.withLock { $0.count }) / Double(sampleRate) }
    /// Silence played for want of data, frames (counted only once started).
    var underrunFrames: Int { state.withLock { $0.underrunFrames } }
    /// Frames dropped because they arrived beyond the capacity.
    var droppedFrames: Int { state.withLock { $0.droppedFrames } }
    /// Frames pushed since the buffer was made.
    var pushedFrames: Int { state.withLock { $0.pushedFrames } }

    /// Appends frames from the decoding thread, dropping the oldest beyond the capacity.
    func push(_ samples: UnsafeBufferPointer<Float>) {
        state.withLock { state in
            let capacity = capacityFrames
            var source = samples
            if source.count > capacity {
                state.droppedFrames += source.count - capacity
                source = UnsafeBufferPointer(rebasing: source[(source.count - capacity)...])
            }
            let overflow = state.count + source.count - capacity
            if overflow > 0 {
                state.head = (state.head + overflow) % capacity
                state.count -= overflow
                state.droppedFrames += overflow
            }
            var tail = (state.head + state.count) % capacity
            var copied = 0
            state.ring.withUnsafeMutableBufferPointer { ring in
                while copied < source.count {
                    let run = min(source.count - copied, capacity - tail)
                    _ = UnsafeMutableBufferPointer(rebasing: ring[tail..<(tail + run)])
                        .update(fromContentsOf: UnsafeBufferPointer(rebasing: source[copied..<(copied + run)]))
                    copied += run
                    tail = (tail + run) % capacity
                }
            }
            state.count += source.count
            state.pushedFrames += samples.count
        }
    }

    /// Puts the source on air: drops the oldest audio beyond `seconds` (what a server's burst on connect brought) and
    /// lets the audio thread take the rest, fading in.
    func start(keepingAtMost seconds: Double) {
        state.withLock { state in
            let keep = min(state.count, Int(seconds * Double(sampleRate)))
            state.head = (state.head + state.count - keep) % capacityFrames
            state.droppedFrames += state.count - keep
            state.count = keep
            state.started = true
            state.rebuffering = false
            state.fadeIn = Self.fadeFrames
        }
    }

    /// Fills `buffer` from the audio thread: audio while there is some, then silence. Returns the frames of audio.
    func pull(into buffer: UnsafeMutableBufferPointer<Float>) -> Int {
        state.withLock { state in
            let wanted = buffer.count
            guard state.started else {
                buffer.update(repeating: 0)
                return 0
            }
            if state.rebuffering {
                guard state.count >= lowFrames else {
                    buffer.update(repeating: 0)
                    state.underrunFrames += wanted
                    return 0
                }
                state.rebuffering = false
                state.fadeIn = Self.fadeFrames
            }
            let taken = min(wanted, state.count)
            copyOut(&state, frames: taken, into: buffer)
            if state.fadeIn > 0 {
                let ramp = min(taken, state.fadeIn)
                let done = Self.fadeFrames - state.fadeIn
                for frame in 0..<ramp {
                    buffer[frame] *= Float(done + frame + 1) / Float(Self.fadeFrames)
                }
                state.fadeIn -= ramp
            }
            if taken < wanted {
                let ramp = min(taken, Self.fadeFrames)
                for frame in 0..<ramp { buffer[taken - ramp + frame] *= Float(ramp - frame - 1) / Float(ramp) }
                UnsafeMutableBufferPointer(rebasing: buffer[taken...]).update(repeating: 0)
                state.underrunFrames += wanted - taken
                state.rebuffering = true
            }
            return taken
        }
    }

    private func copyOut(_ state: inout State, frames: Int, into buffer: UnsafeMutableBufferPointer<Float>) {
        let capacity = capacityFrames
        var copied = 0
        state.ring.withUnsafeBufferPointer { ring in
            while copied < frames {
                let run = min(frames - copied, capacity - state.head)
                _ = UnsafeMutableBufferPointer(rebasing: buffer[copied..<(copied + run)])
                    .update(fromContentsOf: UnsafeBufferPointer(rebasing: ring[state.head..<(state.head + run)]))
                copied += run
                state.head = (state.head + run) % capacity
            }
        }
        state.count -= frames
    }
}
