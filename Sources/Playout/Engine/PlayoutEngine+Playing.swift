import AudioCodec
import AudioOutput
import BroadcastModel
import Foundation

extension PlayoutEngine {
    /// Frames per write: one 20 ms period at 48 kHz, so interruptions are noticed within a period.
    static let periodFrames = 960
    /// Periods the audio thread writes at each wake-up while an item plays, at most half the device buffer: 60 ms
    /// of the default 200 ms, so the device still holds 140 ms when the thread is woken.
    static let refillPeriods = 3
    /// Opus decodes at 48 kHz.
    static let rate = 48_000.0

    /// One part of an item: the attention signal or the media.
    struct Segment {
        /// Where its frames come from.
        var source: PCMSource
        /// True for the media, whose frames count towards the item's position.
        var isMedia: Bool
    }

    /// Plays one item to its end or until something interrupts it. The item is announced as started (or resumed)
    /// once its first period reached the device: an item the device never took was not on air, so it goes back to
    /// the queue without an as-run entry while the device is reported degraded. An item that does not start at the
    /// beginning of its media, or comes back after a cut, fades in.
    func play(_ item: PlayoutItem, to output: SpliceWriter) {
        var media: OggOpusFileReader?
        if let path = item.mediaPath {
            do {
                let reader = try OggOpusFileReader(path: path)
                if item.startFrame > 0 { try reader.seek(toFrame: item.startFrame) }
                media = reader
            } catch {
                onEvent(PlayoutEvent(kind: .failed, at: clock.now(), item: item, cause: .unplayable("\(error)")))
                return
            }
        }
        let stream = item.stream.map { openStream(item, configuration: $0) }
        defer { stream.map(closeStream) }
        let body: PCMSource? = stream ?? media
        switchAmplifier(on: true)
        let withTone = item.attentionTone && item.startFrame == 0 && !attentionTone.isEmpty
        var startedAt = clock.now()
        setNowPlaying(item, startedAt: startedAt, duration: body?.frameCount.map { Double($0) / Self.rate },
                      inTone: withTone, position: Double(item.startFrame) / Self.rate)
        var announced = false
        func announce() {
            guard !announced else { return }
            announced = true
            setStartedAt(startedAt)
            onEvent(PlayoutEvent(kind: item.startFrame > 0 ? .resumed : .started, at: startedAt, item: item,
                                 positionSeconds: Double(item.startFrame) / Self.rate))
        }

        var segments: [Segment] = []
        if withTone { segments.append(Segment(source: SampleBufferSource(samples: attentionTone, format: .broadcast),
                                              isMedia: false)) }
        if let body { segments.append(Segment(source: body, isMedia: true)) }
        let fadesIn = item.fadesIn || item.startFrame > 0
        output.beginItem(fadeInFrames: fadesIn ? Int(configuration.fadeInSeconds * Self.rate) : 0)

        var mediaFrame = item.startFrame
        var slept = false
        for segment in segments {
            while true {
                let (interruption, volume) = poll(item, position: mediaFrame, inTone: !segment.isMedia)
                if let interruption {
                    announce()
                    interrupt(item, by: interruption, segment: segment, mediaFrame: mediaFrame, startedAt: startedAt,
                              output: output)
                    return
                }
                // One sleep per write at most: a device that makes no room meanwhile (a hung driver) is left to the
                // blocking write, which fails or stalls the heartbeat for the watchdog as before.
                if !slept, sleepUntilRoom(in: output.sink) {
                    slept = true
                    continue
                }
                slept = false
                let frames: Int
                do {
                    frames = try periodBuffer.withUnsafeMutableBufferPointer { try segment.source.read(into: $0) }
                } catch {
                    announce()
                    finish(item, kind: .failed, outcome: .failed, startedAt: startedAt, position: mediaFrame,
                           cause: .unplayable("\(error)"))
                    return
                }
                if frames == 0 { break }
                if !announced { startedAt = heardTimeAfterLastEnd() }
                do {
                    try write(frames: frames, volume: volume, to: output)
                } catch {
                    if announced {
                        deviceLost(item, error: error, mediaFrame: mediaFrame, startedAt: startedAt)
                    } else {
                        deviceRefused(item, error: error)
                    }
                    return
                }
                announce()
                if segment.isMedia { mediaFrame += frames }
            }
        }
        if queueIsEmpty() { output.sink.drain() }
        announce()
        finish(item, kind: .aired, outcome: .aired, startedAt: startedAt, position: mediaFrame, cause: nil)
    }

    /// When a frame written now will be heard: after everything the device still holds.
    func heardTime() -> Date {
        guard let sink = output?.sink else { return clock.now() }
        return clock.now().addingTimeInterval(Double(sink.queuedFrames) / Double(max(sink.sampleRate, 1)))
    }

    /// ``heardTime()``, but never before the last item's end as stamped: two estimates of one point in the stream
    /// can disagree by a period or so, and the as-run log must not show airings overlapping. Only that much is
    /// corrected, so a wall clock set back does not stamp later airings with the old time.
    func heardTimeAfterLastEnd() -> Date {
        let heard = heardTime()
        let behind = lastHeardEnd.timeIntervalSince(heard)
        return behind > 0 && behind < 1 ? lastHeardEnd : heard
    }

    /// When the device has no room for another period, sleeps until it has room for several (`refillPeriods`), or
    /// until another thread wakes the engine (an emergency queued, a stop, shutdown): true if it slept, and the
    /// caller polls again. The thread so wakes once per few periods instead of once per period (a blocked write
    /// wakes it for every period the device plays), and a cut is noticed at once rather than after a blocked write.
    /// The device is asked once: what it plays during the sleep is what the sleep waits for.
    func sleepUntilRoom(in sink: AudioSink) -> Bool {
        guard let room = sink.roomFrames, room < min(Self.periodFrames, sink.bufferFrames) else { return false }
        let refill = max(Self.periodFrames, min(Self.refillPeriods * Self.periodFrames, sink.bufferFrames / 2))
        wakeUp.sleep(seconds: Double(min(refill, sink.bufferFrames) - room) / Double(max(sink.sampleRate, 1)))
        return true
    }

    /// Writes the first `frames` of the period buffer at `volume`; reports the device `ok` after its first write.
    private func write(frames: Int, volume: Double, to output: SpliceWriter) throws {
        if output.sink.volumeDB != volume { output.sink.volumeDB = volume }
        try periodBuffer.withUnsafeBufferPointer { try output.write(UnsafeBufferPointer(rebasing: $0[0..<frames])) }
        lastAudio = WallClockPacer.monotonicNow()
        if !deviceKnownGood {
            deviceKnownGood = true
            updateDevice(state: .ok, error: nil)
        }
    }

    /// The audio thread's one visit to the lock per period: publishes the position and heartbeat, and learns whether
    /// the item must give way now and at which volume it plays.
    private func poll(_ item: PlayoutItem, position: Int, inTone: Bool) -> (Interruption?, Double) {
        let (interruption, volume) = shared.withLock { shared -> (Interruption?, Double) in
            shared.heartbeat = .now
            shared.nowPlaying?.positionSeconds = Double(position) / Self.rate
            shared.nowPlaying?.inAttentionTone = inTone
            let volume = item.level == .emergency ? shared.emergencyVolumeDB : shared.volumeDB
            if shared.shuttingDown { return (.shutdown, volume) }
            if let stop = shared.stopMatching, stop.matches(item) {
                shared.stopMatching = nil
                return (.stopped(outcome: stop.outcome, reason: stop.reason), volume)
            }
            if let first = shared.queue.first, first.level == .emergency, item.level < .emergency {
                return (.preempted, volume)
            }
            return (nil, volume)
        }
        // The item's own expiry needs no shared state, and the clock is read only for an item that has one.
        if interruption == nil, let notAfter = item.notAfter, notAfter <= clock.now() { return (.expired, volume) }
        return (interruption, volume)
    }

    /// Clears the item off the air and reports how it ended, timed when its last frame is heard.
    func finish(
        _ item: PlayoutItem, kind: PlayoutEvent.Kind, outcome: AsRunOutcome, startedAt: Date, position: Int,
        cause: PlayoutCause?
    ) {
        let underruns = output?.sink.underruns
        shared.withLock { shared in
            shared.nowPlaying = nil
            if let underruns { shared.device.underruns = max(shared.device.underruns, underruns) }
        }
        lastHeardEnd = heardTimeAfterLastEnd()
        onEvent(PlayoutEvent(kind: kind, at: lastHeardEnd, item: item, startedAt: startedAt,
                             positionSeconds: Double(position) / Self.rate, outcome: outcome, cause: cause))
    }

    private func setNowPlaying(_ item: PlayoutItem, startedAt: Date, duration: Double?, inTone: Bool,
                               position: Double) {
        let playing = PlayoutSnapshot.NowPlaying(item: item, positionSeconds: position, durationSeconds: duration,
                                                 startedAt: startedAt, inAttentionTone: inTone)
        shared.withLock { $0.nowPlaying = playing }
    }

    /// Records when the item on air was first heard, once its first period reached the device.
    private func setStartedAt(_ startedAt: Date) {
        shared.withLock { $0.nowPlaying?.startedAt = startedAt }
    }

    /// Whether nothing waits, so the device may drain after the item rather than run straight into the next one.
    func queueIsEmpty() -> Bool {
        shared.withLock { $0.queue.first == nil }
    }
}
