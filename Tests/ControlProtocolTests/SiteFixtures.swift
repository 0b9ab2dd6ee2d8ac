@testable import ControlProtocol

/// Sample values of every `io.communecast.Site` type, with every optional field set, for conformance tests.
enum SiteFixtures {
    static let at = "2026-11-23T05:30:00+07:00"

    static let media = Site.MediaInfo(
        sha256: String(repeating: "ab", count: 32), name: "ban-tin-sang", durationS: 312.5,
        sizeBytes: 1_234_567_890_123, loudnessLufs: -16, added: at
    )

    static let alert = Site.Alert(
        id: "QN-2026-11-23-01", level: .emergency, status: .exercise, media: "bao-so-9", tone: true,
        state: .pending, received: at, expires: at, repeat: 3, intervalS: 600, aired: 1, nextAt: at,
        issuer: "So TT-TT An Giang", drafter: "so-tt-an-giang (sha256 AB:CD:EF:01…)",
        approvers: "pho-giam-doc (sha256 12:34:56:78…)"
    )

    static let health = Site.Health(
        version: "0.1.0", uptimeS: 86_400, site: "xa-tam-ky", commune: "20311",
        device: .init(state: .degraded, name: "hw:CARD=Device,DEV=0", lastError: "device gone", underruns: 2),
        nowPlaying: .init(
            media: media.sha256, name: "ban-tin-sang", level: .normal, positionS: 12.25, durationS: 312.5,
            source: "schedule:sang",
            stream: .init(state: .fallback, source: "http://icecast.tinh:8000/vov1.opus", bufferS: 0.28, switches: 2,
                          lastFailure: "the server closed the stream", rateAdjustmentPPM: -350, underrunS: 0.4)
        ),
        queue: [.init(media: media.sha256, name: "nhac", level: .priority, source: "play:7", due: at)],
        volumeDb: -6, emergencyVolumeDb: 0,
        amplifier: .init(on: false, error: "GPIO chip 'gpiochip0' cannot be opened: No such file or directory"),
        mediaCount: 12,
        mediaBytes: 1_234_567_890_123, diskFreeBytes: 9_000_000_000, databaseOk: true, clockSynchronized: false,
        lastAlert: .init(id: alert.id, outcome: .cancelled, at: at, state: .cancelled, aired: 1, repeat: 3),
        temperatureC: 51.5, scheduleWarnings: ["xa: programme 'sang': media 'nhac' is not stored on this site"],
        alertAlarms: ["So TT-TT An Giang/bao-so-9: 3fa29c110b7e54d2… vs 9c110b7e54d23fa2…"]
    )

    static let event = Site.Event(
        kind: .alertState, at: at, level: .emergency, media: "bao-so-9", source: "alert:QN-2026-11-23-01",
        alertId: "QN-2026-11-23-01", alertState: .playing, deviceState: .ok, outcome: .preempted, reason: "alert"
    )

    static let asRun = Site.AsRunEntry(
        id: 1_234_567_890_123, planned: at, started: at, ended: at, level: .priority, media: "nhac",
        source: "schedule:sang", outcome: .resumed, reason: "resumed after alert", status: .test, programme: "sang",
        textSha256: String(repeating: "cd", count: 32), signedBy: "drafted by so-tt-an-giang; approved by pho-giam-doc"
    )

    static let schedule = Site.Schedule(
        id: "xa-tam-ky", timeZone: "Asia/Ho_Chi_Minh", origin: "/etc/communecast/schedules/xa-tam-ky.yaml",
        programmes: [.init(id: "sang", title: "Bản tin sáng", media: "ban-tin-sang", level: .normal,
                           onPreempt: .resume, next: at)],
        updated: at
    )

    /// A sample call and reply for every method, encoded as the wire carries them.
    static func samples() throws -> [String: (parameters: JSONValue, reply: JSONValue)] {
        func pair<Method: VarlinkMethod>(
            _ method: Method.Type, _ parameters: Method.Parameters, _ reply: Method.Reply
        ) throws -> (String, (parameters: JSONValue, reply: JSONValue)) {
            let member = String(method.name.split(separator: ".").last ?? "")
            return (member, (try JSONValue(encoding: parameters), try JSONValue(encoding: reply)))
        }
        let pairs = [
            try pair(Site.GetHealth.self, .init(), .init(health: health)),
            try pair(Site.Monitor.self, .init(), .init(event: event)),
            try pair(
                Site.UploadMedia.self, .init(name: "x", data: "UklGRg=="), .init(media: media, deduplicated: true)
            ),
            try pair(Site.ListMedia.self, .init(), .init(media: [media])),
            try pair(Site.DeleteMedia.self, .init(name: "nhac"), .init(kept: media)),
            try pair(Site.Play.self, .init(media: "x", level: .priority, onPreempt: .drop), .init(playId: "7")),
            try pair(
                Site.PushAlert.self,
                .init(id: alert.id, media: "bao-so-9", tone: false, level: .priority, status: .actual, expires: at,
                      repeat: 2, intervalS: 300),
                .init(alert: alert, duplicate: false)
            ),
            try pair(
                Site.PushSignedAlert.self, .init(envelope: #"{"payload":"e30","signatures":[]}"#),
                .init(outcome: "accepted", sha256: media.sha256, alert: alert, closed: [alert])
            ),
            try pair(Site.CancelAlert.self, .init(id: alert.id), .init(alert: alert)),
            try pair(Site.ListAlerts.self, .init(), .init(alerts: [alert])),
            try pair(Site.GetAsRunLog.self, .init(since: at, until: at, limit: 100), .init(entries: [asRun])),
            try pair(Site.SetVolume.self, .init(db: -3.5), .init(volumeDb: -3.5)),
            try pair(Site.Stop.self, .init(), .init(stopped: "play:7")),
            try pair(
                Site.AddSchedule.self, .init(name: "xa-tam-ky", yaml: "programmes: []", afterConflict: true),
                .init(schedule: schedule, conflicts: ["sang overlaps chieu"])
            ),
            try pair(Site.ListSchedules.self, .init(), .init(schedules: [schedule])),
            try pair(
                Site.ShowSchedule.self, .init(id: "xa-tam-ky"),
                .init(
                    schedule: schedule, yaml: "programmes: []",
                    upcoming: [.init(programme: "sang", at: at, level: .normal)]
                )
            ),
            try pair(Site.RemoveSchedule.self, .init(id: "xa-tam-ky"), .init()),
            try pair(
                Site.ReloadSchedules.self, .init(),
                .init(schedules: [schedule], problems: ["bad.yaml:3: rrule: BYMONTHDAY=32 is out of range"],
                      warnings: ["programme 'a' at 2026-12-01T05:30:00+07:00 overlaps 'b' (05:30:00–05:45:00)"])
            ),
        ]
        return Dictionary(uniqueKeysWithValues: pairs)
    }
}
