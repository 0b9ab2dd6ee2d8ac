import BroadcastModel
import ControlProtocol
import Foundation
import Playout
import Store
import StreamInput

/// Conversions from the daemon's internal records to the `io.communecast.Site` wire types, in one place.
enum SiteMapping {
    static func media(_ record: MediaRecord) -> Site.MediaInfo {
        Site.MediaInfo(
            sha256: record.sha256, name: record.name, durationS: record.durationSeconds, sizeBytes: record.bytes,
            loudnessLufs: record.loudnessLUFS ?? 0, added: Timestamps.format(record.createdAt)
        )
    }

    static func alert(_ record: AlertRecord, mediaName: String?) -> Site.Alert {
        Site.Alert(
            id: record.id, level: record.level,
            status: record.status, media: mediaName,
            tone: record.tone, state: record.state,
            received: Timestamps.format(record.createdAt), expires: record.expiresAt.map { Timestamps.format($0) },
            repeat: record.repeatTotal, intervalS: record.intervalSeconds, aired: record.repeatsDone,
            nextAt: record.state == .pending ? Timestamps.format(record.nextDueAt) : nil, issuer: record.issuer,
            drafter: record.drafter, approvers: record.approvers, capSource: record.capSource,
            stream: record.streamURLs, durationS: record.streamSeconds
        )
    }

    static func asRun(_ entry: AsRunEntry) -> Site.AsRunEntry {
        Site.AsRunEntry(
            id: Int(entry.id ?? 0), planned: entry.plannedAt.map { Timestamps.format($0) },
            started: entry.startedAt.map { Timestamps.format($0) }, ended: entry.endedAt.map { Timestamps.format($0) },
            level: entry.level, media: entry.mediaName ?? entry.mediaSHA256, source: entry.source,
            outcome: entry.outcome, reason: entry.reason,
            status: entry.status, programme: entry.programmeID,
            textSha256: entry.textSHA256, signedBy: entry.signedBy,
            capSource: entry.capSource
        )
    }

    static func event(_ event: PlayoutEvent) -> Site.Event {
        let item = event.item
        let kind: Site.EventKind = switch event.kind {
        case .started: .playStart
        case .aired: .playEnd
        case .resumed: .resumed
        case .preempted: .preempted
        case .skipped: .skipped
        case .failed: .failed
        case .interrupted: .playEnd
        case .deviceState: .deviceState
        case .stream: .stream
        }
        return Site.Event(
            kind: kind, at: Timestamps.format(event.at), level: item?.level,
            media: item?.mediaName ?? item?.mediaSHA256, source: item?.source.description,
            alertId: item?.source.alertID,
            deviceState: event.device?.state, outcome: event.outcome, reason: event.reason
        )
    }

    static func queueItem(_ item: PlayoutItem) -> Site.QueueItem {
        Site.QueueItem(media: item.mediaSHA256 ?? (item.stream == nil ? "tone" : "stream"),
                       name: item.mediaName ?? (item.mediaPath == nil ? "attention tone" : ""),
                       level: item.level, source: item.source.description,
                       due: item.plannedAt.map { Timestamps.format($0) })
    }

    /// The item on air at `instant`. While the attention tone plays before an alert's media, that is the tone, with
    /// its own position and length (`toneSeconds`), not those of the media that follows.
    static func nowPlaying(
        _ now: PlayoutSnapshot.NowPlaying, toneSeconds: Double, at instant: Date
    ) -> Site.NowPlaying {
        let item = now.item
        let inTone = now.inAttentionTone || (item.mediaPath == nil && item.stream == nil)
        let tonePosition = min(max(0, instant.timeIntervalSince(now.startedAt)), toneSeconds)
        return Site.NowPlaying(
            media: item.mediaSHA256 ?? (item.stream == nil ? "tone" : "stream"),
            name: inTone ? "attention tone" : (item.mediaName ?? item.mediaSHA256 ?? ""),
            level: item.level, positionS: inTone ? tonePosition : now.positionSeconds,
            durationS: inTone ? toneSeconds : (now.durationSeconds ?? 0), source: item.source.description,
            stream: now.stream.map(stream)
        )
    }

    /// A relay's stream as health shows it.
    static func stream(_ status: StreamStatus) -> Site.Stream {
        Site.Stream(state: status.state, source: status.source?.description, bufferS: status.bufferSeconds,
                    switches: status.switches, lastFailure: status.lastFailure?.description,
                    rateAdjustmentPPM: status.rateAdjustmentPPM, underrunS: status.underrunSeconds)
    }

    /// An alert as health's `last_alert` shows it: the state, count and repeats of `ListAlerts`, and for older
    /// clients the outcome that state amounts to.
    static func alertSummary(_ record: AlertRecord) -> Site.AlertSummary {
        let outcome: AsRunOutcome = switch record.state {
        case .playing: .started
        case .pending, .done: .aired
        case .cancelled: .cancelled
        case .expired: .expired
        case .failed: .failed
        }
        let listed = alert(record, mediaName: nil)
        return Site.AlertSummary(id: record.id, outcome: outcome, at: Timestamps.format(record.updatedAt),
                                 state: listed.state.known, aired: listed.aired, repeat: listed.repeat)
    }
}
