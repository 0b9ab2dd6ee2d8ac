import AudioCodec
import AudioOutput
import BroadcastModel
import Foundation

extension PlayoutEngine {
    /// Cuts the item off with a fade that continues from what the listener heard last, then applies the item's
    /// preemption policy. The position reported, and the one a resumed item goes back from, is where the fade began:
    /// what listeners really heard.
    func interrupt(
        _ item: PlayoutItem, by interruption: Interruption, segment: Segment, mediaFrame: Int, startedAt: Date,
        output: SpliceWriter
    ) {
        let heard = fadeOut(item, segment: segment, mediaFrame: mediaFrame, output: output)
        switch interruption {
        case .preempted:
            var again = item
            again.fadesIn = true
            switch item.onPreempt {
            case .resume:
                // A relay goes on live from the cut: there is nothing to rewind to, only time left to play.
                let rewind = item.stream == nil ? Int(configuration.resumeRewindSeconds * Self.rate) : 0
                again.startFrame = segment.isMedia ? max(0, heard - rewind) : 0
            case .restart:
                again.startFrame = 0
            case .drop:
                break
            }
            if item.onPreempt != .drop {
                shared.withLock { $0.queue.putBack(again) }
            }
            finish(item, kind: .preempted, outcome: .preempted, startedAt: startedAt, position: heard,
                   cause: .preempted(item.onPreempt))
        case .stopped(let outcome, let reason):
            output.sink.drain()
            finish(item, kind: .skipped, outcome: outcome, startedAt: startedAt, position: heard,
                   cause: .stopped(reason))
        case .expired:
            output.sink.drain()
            finish(item, kind: .skipped, outcome: .expired, startedAt: startedAt, position: heard,
                   cause: .expiredWhilePlaying)
        case .shutdown:
            output.sink.drain()
            finish(item, kind: .interrupted, outcome: .interrupted, startedAt: startedAt, position: heard,
                   cause: .shutdown)
        }
    }

    /// Takes back what the device has not played of the item (where it can rewind), writes `fadeSeconds` of falling
    /// ramp over what follows the last heard frame, and returns the media frame where the fade began. Where the
    /// device cannot rewind, what it holds plays out and the fade follows it.
    private func fadeOut(_ item: PlayoutItem, segment: Segment, mediaFrame: Int, output: SpliceWriter) -> Int {
        // An item cut before its first frame reached the device has nothing to fade from.
        guard output.framesWritten > 0 else { return mediaFrame }
        let rewound = output.rewindUnheard()
        let heard = segment.isMedia ? max(item.startFrame, mediaFrame - rewound) : item.startFrame
        // A device that fails now is found by the next write, which reports it.
        _ = try? output.fadeOut(frames: Int(configuration.fadeSeconds * Self.rate)) {
            try segment.source.read(into: $0)
        }
        return heard
    }

    /// Closes a device that failed and reports `degraded`. One that had been open for a while is reopened at once
    /// (the failure may have been a glitch); one that fails within the retry interval of opening waits out the rest
    /// of that interval first.
    private func closeFailedDevice(_ error: Error) {
        if WallClockPacer.monotonicNow() - deviceOpenedAt < configuration.deviceRetrySeconds {
            reopenNotBefore = deviceOpenedAt + configuration.deviceRetrySeconds
        }
        output?.sink.close()
        output = nil
        deviceKnownGood = false
        updateDevice(state: .degraded, error: "\(error)")
    }

    /// The device failed before the item's first period reached it: the item was not on air, so it goes back
    /// unchanged and without an as-run entry.
    func deviceRefused(_ item: PlayoutItem, error: Error) {
        closeFailedDevice(error)
        shared.withLock { shared in
            shared.nowPlaying = nil
            shared.queue.putBack(item)
        }
    }

    /// The device failed mid-item: nothing can fade on a device that is gone, so close it, report `degraded`, and put
    /// the item back to resume, fading in, when it returns.
    func deviceLost(_ item: PlayoutItem, error: Error, mediaFrame: Int, startedAt: Date) {
        closeFailedDevice(error)
        var again = item
        again.startFrame = max(0, mediaFrame - Int(configuration.resumeRewindSeconds * Self.rate))
        again.fadesIn = true
        shared.withLock { $0.queue.putBack(again) }
        finish(item, kind: .failed, outcome: .failed, startedAt: startedAt, position: mediaFrame,
               cause: .deviceLost("\(error)"))
    }
}
