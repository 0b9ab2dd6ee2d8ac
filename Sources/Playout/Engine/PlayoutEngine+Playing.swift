import AudioCodec
import AudioOutput
import Foundation

extension PlayoutEngine {
    /// Frames per write: one 20 ms period at 48 kHz, so interruptions are noticed within a period.
    static let periodFrames = 960
    /// Opus decodes at 48 kHz.
    static let rate = 48_000.0

    /// Plays one item to its end or until something interrupts it. The item is announced as started (or resumed)
    /// once its first period reached the device: an item the device never took was not on air, so it goes back to
    /// the queue without an as-run entry while the device is reported degraded.
    func play(_ item: PlayoutItem) {
        var media: OggOpusFileReader?
        if let path = item.mediaPath {
            do {
                let reader = try OggOpusFileReader(path: path)
                if item.startFrame > 0 { try reader.seek(toFrame: item.startFrame) }
                media = reader
            } catch {
                onEvent(PlayoutEvent(kind: .failed, item: item, reason: "cannot play media: \(error)"))
                return
            }
        }
        switchAmplifier(on: true)
        let startedAt = Date()
        let withTone = item.attentionTone && item.startFrame == 0 && !attentionTone.isEmpty
        setNowPlaying(item, startedAt: startedAt, duration: media?.frameCount.map { Double($0) / Self.rate },
                      inTone: withTone, position: Double(item.startFrame) / Self.rate)
        var announced = false
        func announce() {
            guard !announced else { return }
            announced = true
            onEvent(PlayoutEvent(kind: item.startFrame > 0 ? .resumed : .started, at: startedAt, item: item,
                                 positionSeconds: Double(item.startFrame) / Self.rate))
        }

        var segments: [(source: PCMSource, isMedia: Bool)] = []
        if withTone { segments.append((SampleBufferSource(samples: attentionTone, format: .broadcast), false)) }
        if let media { segments.append((media, true)) }

        var mediaFrame = item.startFrame
        for segment in segments {
            if segment.isMedia { markToneFinished() }
            var buffer = [Float](repeating: 0, count: Self.periodFrames)
            while true {
                if let interruption = checkInterruption(for: item) {
                    announce()
                    interrupt(item, by: interruption, source: segment.source, isMedia: segment.isMedia,
                              mediaFrame: mediaFrame, startedAt: startedAt)
                    return
                }
                let frames: Int
                do {
                    frames = try buffer.withUnsafeMutableBufferPointer { try segment.source.read(into: $0) }
                } catch {
                    announce()
                    finish(item, kind: .failed, startedAt: startedAt, position: mediaFrame, reason: "\(error)")
                    return
                }
                if frames == 0 { break }
                do {
                    try write(buffer, frames: frames, level: item.level)
                } catch {
                    if announced {
                        deviceLost(item, error: error, mediaFrame: mediaFrame, startedAt: startedAt)
                    } else {
                        deviceRefused(item, error: error)
                    }
                    return
                }
                announce()
                if segment.isMedia {
                    mediaFrame += frames
                    updatePosition(Double(mediaFrame) / Self.rate)
                }
            }
        }
        if queueIsEmpty() { sink?.drain() }
        announce()
        finish(item, kind: .aired, startedAt: startedAt, position: mediaFrame, reason: nil)
    }

    /// Writes mono frames to the device at the item's volume, copying to every device channel.
    private func write(_ mono: [Float], frames: Int, level: PlayoutLevel) throws {
        guard let sink else { throw ALSAError.deviceGone(device: configuration.deviceName, message: "closed") }
        condition.lock()
        let volume = level == .emergency ? emergencyVolumeDB : volumeDB
        heartbeat = Date()
        condition.unlock()
        if sink.volumeDB != volume { sink.volumeDB = volume }
        let channels = sink.channels
        if channels == 1 {
            try mono.withUnsafeBufferPointer { try sink.write(UnsafeBufferPointer(rebasing: $0[0..<frames])) }
        } else {
            var wide = [Float](repeating: 0, count: frames * channels)
            for frame in 0..<frames {
                for channel in 0..<channels { wide[frame * channels + channel] = mono[frame] }
            }
            try wide.withUnsafeBufferPointer { try sink.write($0) }
        }
        lastAudio = WallClockPacer.monotonicNow()
        if !deviceKnownGood {
            deviceKnownGood = true
            updateDevice(state: .ok, error: nil)
        }
    }

    /// Decides under the lock whether the item on air must give way now.
    private func checkInterruption(for item: PlayoutItem) -> Interruption? {
        condition.lock()
        defer { condition.unlock() }
        if shuttingDown { return .shutdown }
        if let stopMatching, stopMatching(item) {
            self.stopMatching = nil
            return .stopped
        }
        if let first = queue.first, first.level == .emergency, item.level < .emergency { return .preempted }
        if let notAfter = item.notAfter, notAfter <= Date() { return .expired }
        return nil
    }

    /// Cuts the item off: discards what the device still holds, fades the next few milliseconds out, and applies the
    /// item's preemption policy.
    private func interrupt(
        _ item: PlayoutItem, by interruption: Interruption, source: PCMSource, isMedia: Bool, mediaFrame: Int,
        startedAt: Date
    ) {
        let heard = max(item.startFrame, mediaFrame - (isMedia ? (sink?.queuedFrames ?? 0) : 0))
        sink?.drop()
        fadeOut(source)
        switch interruption {
        case .preempted:
            var again = item
            switch item.onPreempt {
            case .resume:
                again.startFrame = isMedia ? max(0, heard - Int(configuration.resumeRewindSeconds * Self.rate)) : 0
            case .restart:
                again.startFrame = 0
            case .drop:
                break
            }
            if item.onPreempt != .drop {
                condition.lock()
                queue.putBack(again)
                condition.unlock()
            }
            let reason = item.onPreempt == .drop ? "preempted by an emergency; dropped by its policy"
                : "preempted by an emergency; will \(item.onPreempt.rawValue)"
            finish(item, kind: .preempted, startedAt: startedAt, position: heard, reason: reason)
        case .stopped:
            sink?.drain()
            finish(item, kind: .skipped, startedAt: startedAt, position: heard, reason: "stopped by operator")
        case .expired:
            sink?.drain()
            finish(item, kind: .skipped, startedAt: startedAt, position: heard, reason: "expired while playing")
        case .shutdown:
            sink?.drain()
            finish(item, kind: .interrupted, startedAt: startedAt, position: heard, reason: "daemon shutting down")
        }
    }

    /// Plays the next `fadeSeconds` of `source` with a falling ramp, so a cut never clicks.
    private func fadeOut(_ source: PCMSource) {
        let fadeFrames = Int(configuration.fadeSeconds * Self.rate)
        var buffer = [Float](repeating: 0, count: fadeFrames)
        guard let frames = try? buffer.withUnsafeMutableBufferPointer({ try source.read(into: $0) }), frames > 0 else {
            return
        }
        for index in 0..<frames { buffer[index] *= Float(frames - index) / Float(frames) }
        try? write(buffer, frames: frames, level: .normal)
    }

    /// Closes a device that failed and reports `degraded`. One that had been open for a while is reopened at once
    /// (the failure may have been a glitch); one that fails within the retry interval of opening waits out the rest
    /// of that interval first.
    private func closeFailedDevice(_ error: Error) {
        if WallClockPacer.monotonicNow() - deviceOpenedAt < configuration.deviceRetrySeconds {
            reopenNotBefore = deviceOpenedAt + configuration.deviceRetrySeconds
        }
        sink?.close()
        sink = nil
        deviceKnownGood = false
        updateDevice(state: .degraded, error: "\(error)")
    }

    /// The device failed before the item's first period reached it: the item was not on air, so it goes back
    /// unchanged and without an as-run entry.
    private func deviceRefused(_ item: PlayoutItem, error: Error) {
        closeFailedDevice(error)
        condition.lock()
        nowPlaying = nil
        queue.putBack(item)
        condition.unlock()
    }

    /// The device failed mid-item: close it, report `degraded`, and put the item back to resume when it returns.
    private func deviceLost(_ item: PlayoutItem, error: Error, mediaFrame: Int, startedAt: Date) {
        closeFailedDevice(error)
        var again = item
        again.startFrame = max(0, mediaFrame - Int(configuration.resumeRewindSeconds * Self.rate))
        condition.lock()
        queue.putBack(again)
        condition.unlock()
        finish(item, kind: .failed, startedAt: startedAt, position: mediaFrame,
               reason: "audio device lost: \(error); will resume when it returns")
    }

    private func finish(_ item: PlayoutItem, kind: PlayoutEvent.Kind, startedAt: Date, position: Int, reason: String?) {
        condition.lock()
        nowPlaying = nil
        if let sink { device.underruns = max(device.underruns, sink.underruns) }
        condition.unlock()
        onEvent(PlayoutEvent(kind: kind, item: item, startedAt: startedAt, positionSeconds: Double(position) / Self.rate,
                             reason: reason))
    }

    private func setNowPlaying(_ item: PlayoutItem, startedAt: Date, duration: Double?, inTone: Bool,
                               position: Double) {
        condition.lock()
        nowPlaying = PlayoutSnapshot.NowPlaying(item: item, positionSeconds: position, durationSeconds: duration,
                                                startedAt: startedAt, inAttentionTone: inTone)
        condition.unlock()
    }

    private func markToneFinished() {
        condition.lock()
        nowPlaying?.inAttentionTone = false
        condition.unlock()
    }

    private func updatePosition(_ seconds: Double) {
        condition.lock()
        nowPlaying?.positionSeconds = seconds
        condition.unlock()
    }

    private func queueIsEmpty() -> Bool {
        condition.lock()
        defer { condition.unlock() }
        return queue.first == nil
    }
}
