/// The `io.communecast.Site` interface: what a commune site's daemon offers to operators, the province
/// and monitoring.
///
/// The text is served verbatim by `org.varlink.service.GetInterfaceDescription`, so third-party clients
/// (the Python `varlink` package, `varlinkctl`) can call the daemon without our CLI. `docs/io.communecast.Site.varlink`
/// holds the same text; a test keeps the two identical.
public enum SiteInterface {
    /// The interface name, as it prefixes every method and error name.
    public static let name = "io.communecast.Site"

    /// The interface description in varlink IDL.
    public static let description = #"""
        # Control of one CommuneCast site: the daemon that drives a commune's public-address
        # loudspeakers. Times are RFC 3339 strings with an offset, levels follow Circular
        # 39/2020/TT-BTTTT, and media is named either by its name or by its sha256.
        interface io.communecast.Site

        # Broadcast levels, lowest to highest.
        type Level (normal, priority, emergency)

        # The levels an operator may ask for with Play; emergency is reserved for alerts.
        type PlayLevel (normal, priority)

        # The levels an alert may carry.
        type AlertLevel (priority, emergency)

        # What happens to an item interrupted by a higher level once that level has finished.
        type PreemptPolicy (resume, restart, drop)

        # Whether an alert is real; exercise and test alerts are logged as such and never as actual.
        type AlertStatus (actual, exercise, test)

        # Where an alert is in its life on this site.
        type AlertState (pending, playing, done, cancelled, expired, failed)

        # The condition of the audio output device.
        type DeviceState (ok, degraded, closed)

        # What became of one item in the as-run log; started means it is on air now, interrupted that it was on air
        # when the daemon stopped without ending it.
        type Outcome (started, aired, preempted, resumed, skipped, missed, failed, expired, cancelled, interrupted)

        # What a Monitor event reports.
        type EventKind (
          play_start,
          play_end,
          preempted,
          resumed,
          skipped,
          failed,
          alert_state,
          device_state,
          config_reload,
          stream,
          events_lost
        )

        # The audio output device.
        type Device (
          state: DeviceState,
          # The ALSA PCM name.
          name: string,
          last_error: ?string,
          # Buffer underruns since the daemon started.
          underruns: int
        )

        # Where a relayed stream stands.
        type StreamState (connecting, playing, stalled, fallback, stopped)

        # The stream a relay on air reads, and how that goes.
        type Stream (
          state: StreamState,
          # What plays: a URL (primary or alternative), or the fallback.
          source: ?string,
          # Decoded audio in hand, seconds.
          buffer_s: float,
          # Switches since the relay started, the first source included.
          switches: int,
          # The last failure of any of its URLs.
          last_failure: ?string,
          # The playback rate correction now applied against the sender's drift, ppm (0: as sent).
          rate_adjustment_ppm: ?int,
          # Silence played for want of data since the relay started, seconds.
          underrun_s: ?float
        )

        # The item on air.
        type NowPlaying (
          # The sha256 of the media.
          media: string,
          # The media's name.
          name: string,
          level: Level,
          position_s: float,
          duration_s: float,
          # Who asked for it: alert:ID, play:ID or schedule:ID.
          source: string,
          # For a relay: the stream it reads.
          stream: ?Stream
        )

        # An item waiting to play.
        type QueueItem (
          media: string,
          name: string,
          level: Level,
          source: string,
          # When it is due, if it waits for a time rather than for the item before it.
          due: ?string
        )

        # The amplifier relay.
        type Amplifier (
          on: bool,
          # Why the relay cannot be switched; absent while it works.
          error: ?string
        )

        # The most recent alert and what became of it, as ListAlerts shows it.
        type AlertSummary (
          id: string,
          # How it ended (cancelled, expired, failed), or how its last airing ended while it is still in force.
          outcome: Outcome,
          at: string,
          # Where the alert is now.
          state: ?AlertState,
          # How many times it has aired so far, and in all.
          aired: ?int,
          repeat: ?int
        )

        # Everything an operator or monitoring needs to know at a glance.
        type Health (
          version: string,
          uptime_s: int,
          site: string,
          # The commune code.
          commune: string,
          device: Device,
          now_playing: ?NowPlaying,
          queue: []QueueItem,
          volume_db: float,
          emergency_volume_db: float,
          amplifier: Amplifier,
          media_count: int,
          media_bytes: int,
          disk_free_bytes: int,
          database_ok: bool,
          clock_synchronized: bool,
          last_alert: ?AlertSummary,
          temperature_c: ?float,
          # Why programmes in force will not air as written: media not stored on the site, same-level
          # clashes between schedule files. Absent from sites older than this field.
          schedule_warnings: ?[]string,
          # Signed alerts refused as equivocations since the daemon started: the same issuer and id with
          # other content. Absent from sites older than this field.
          alert_alarms: ?[]string
        )

        # Something that happened on the site; fields that do not apply to the kind are absent.
        type Event (
          kind: EventKind,
          at: string,
          level: ?Level,
          media: ?string,
          source: ?string,
          alert_id: ?string,
          alert_state: ?AlertState,
          device_state: ?DeviceState,
          outcome: ?Outcome,
          reason: ?string,
          lost: ?int
        )

        # A stored media file: mono Ogg Opus at 48 kHz, normalised to the site's loudness target.
        type MediaInfo (
          sha256: string,
          name: string,
          duration_s: float,
          size_bytes: int,
          loudness_lufs: float,
          added: string
        )

        # An alert received by this site.
        type Alert (
          id: string,
          level: AlertLevel,
          status: AlertStatus,
          # The media to air; absent for a tone-only alert.
          media: ?string,
          # Whether the attention tone precedes the media.
          tone: bool,
          state: AlertState,
          received: string,
          expires: ?string,
          # How many times the alert airs in all.
          repeat: int,
          interval_s: int,
          # How many times it has aired so far.
          aired: int,
          next_at: ?string,
          # Who pushed it: tls:SUBJECT for a client certificate, unix:USER for a local user. Absent from sites
          # older than this field.
          issuer: ?string,
          # Who drafted and who approved a signed alert (CN and certificate fingerprint); absent for an
          # unsigned push and from older sites.
          drafter: ?string,
          approvers: ?string,
          # The CAP warning a signed alert was drafted from, as sender,identifier,sent; absent otherwise.
          cap_source: ?string,
          # The stream a stream alert relays, the primary first, and for how long, seconds.
          stream: ?[]string,
          duration_s: ?int
        )

        # One line of the as-run log: what was planned, what aired, and why.
        type AsRunEntry (
          id: int,
          planned: ?string,
          started: ?string,
          ended: ?string,
          level: Level,
          media: ?string,
          # alert:ID, play:ID or schedule:ID.
          source: string,
          outcome: Outcome,
          reason: ?string,
          # The alert status, for alerts.
          status: ?AlertStatus,
          # The programme id, for scheduled airings (source schedule:ID).
          programme: ?string,
          # SHA-256 of the text spoken, when the media was rendered from text.
          text_sha256: ?string,
          # Who drafted and who approved a signed alert. Absent from sites older than this field.
          signed_by: ?string,
          # The CAP message a signed alert was drafted from: sender,identifier,sent. Absent from older sites.
          cap_source: ?string
        )

        # One programme of a schedule.
        type Programme (
          id: string,
          title: string,
          media: string,
          level: Level,
          on_preempt: PreemptPolicy,
          # The next time it airs, if any: quiet hours that would skip an airing are taken into account.
          next: ?string,
          # A text programme's first words; media is then what the site rendered them to.
          text: ?string,
          # A relay's stream URLs, the primary first; media is then the stream's name.
          stream: ?[]string,
          # A relay's duration, seconds.
          duration_s: ?float
        )

        # A schedule file and the programmes it holds.
        type Schedule (
          # The name given to AddSchedule.
          id: string,
          # The IANA time zone of the schedule.
          time_zone: string,
          # Where it comes from: the path of its file in the schedules directory, or "added" for AddSchedule.
          origin: string,
          programmes: []Programme,
          updated: string,
          # The schedule's quiet hours, as 21:30–05:00, if it has any.
          quiet_hours: ?string
        )

        # One future airing of a programme.
        type Occurrence (
          programme: string,
          at: string,
          level: Level,
          # Why the site will not air it (as "quiet hours 21:30–05:00"); absent when it airs.
          skipped: ?string
        )

        # Reports the state of the site.
        method GetHealth() -> (health: Health)

        # Streams events as they happen; call it with more set.
        method Monitor() -> (event: Event)

        # Imports a WAV or Ogg Opus file, given base64-encoded in data, under a name.
        method UploadMedia(name: string, data: string) -> (media: MediaInfo, deduplicated: bool)

        # Lists stored media.
        method ListMedia() -> (media: []MediaInfo)

        # Removes a media name; the audio goes with its last name (or when named by sha256), unless a
        # schedule or alert still uses it. kept is the audio when other names still play it.
        method DeleteMedia(name: string) -> (kept: ?MediaInfo)

        # Queues stored media, or a stream (Ogg Opus mounts over http or https, the first preferred) for
        # duration_s seconds, to play now, at normal level unless told otherwise. Give media or stream.
        method Play(
          media: ?string,
          level: ?PlayLevel,
          on_preempt: ?PreemptPolicy,
          stream: ?[]string,
          duration_s: ?float
        ) -> (play_id: string)

        # Accepts an alert. Alerts are keyed by issuer (the caller) and id: the same caller pushing the same id
        # again is answered with duplicate set and changes nothing, unless it asks for a higher level, which
        # replaces its alert. The attention tone defaults to on for emergency alerts, the level to emergency and
        # the status to actual.
        method PushAlert(
          id: string,
          media: ?string,
          tone: ?bool,
          level: ?AlertLevel,
          status: ?AlertStatus,
          expires: ?string,
          repeat: ?int,
          interval_s: ?int,
          # Words to speak instead of media; the site renders them before it replies.
          text: ?string,
          voice: ?string,
          rate: ?int,
          # A live stream to relay instead of media (http:// or https:// Ogg Opus mounts, the primary first), for
          # duration_s seconds; the attention tone always opens it. An actual emergency stream needs PushSignedAlert.
          stream: ?[]string,
          duration_s: ?int
        ) -> (alert: Alert, duplicate: bool)

        # Accepts a signed alert envelope (JWS JSON, exactly as signed). The site verifies it against its
        # pinned provincial CA and its own ACL, then its replay store, and only then airs, replaces or cancels.
        # outcome is accepted, duplicate (the same payload again: nothing changes) or suppressed (a newer update
        # or cancel already closed it: recorded, never aired); sha256 is the payload's. A refusal is AlertRefused.
        method PushSignedAlert(envelope: string) -> (
          outcome: string,
          sha256: string,
          alert: ?Alert,
          closed: ?[]Alert
        )

        # Cancels every alert with this id (only issuer's, if given) pushed with the caller's role or a lower
        # one, cutting each off if it is on air. alert is the first of them; cancelled lists them all.
        method CancelAlert(id: string, issuer: ?string) -> (alert: Alert, cancelled: ?[]Alert)

        # Lists alerts that are pending, playing or finished recently.
        method ListAlerts() -> (alerts: []Alert)

        # Reads the as-run log, oldest first, between since and until, or for one local day (YYYY-MM-DD, today or
        # yesterday, in the site's time zone).
        method GetAsRunLog(since: ?string, until: ?string, limit: ?int, day: ?string) -> (entries: []AsRunEntry)

        # Sets the normal playback volume in dB.
        method SetVolume(db: float) -> (volume_db: float)

        # Stops what is playing; stopped names its source, absent if nothing was playing.
        method Stop() -> (stopped: ?string)

        # Adds a schedule file under a name. Conflicts at the same level refuse the file,
        # unless after_conflict is set, which adds it anyway and still reports them. A schedule
        # already added under the name is replaced only with replace set (absent means true, for
        # clients older than the field); the same text again changes nothing. outcome is added,
        # replaced or unchanged.
        method AddSchedule(name: string, yaml: string, after_conflict: ?bool, replace: ?bool) -> (
          schedule: Schedule,
          conflicts: []string,
          outcome: ?string
        )

        # Lists the schedules in force.
        method ListSchedules() -> (schedules: []Schedule)

        # Shows one schedule, its YAML and its next occurrences.
        method ShowSchedule(id: string) -> (schedule: Schedule, yaml: string, upcoming: []Occurrence)

        # Removes a schedule file and its programmes.
        method RemoveSchedule(id: string) -> ()

        # Reads the schedule files again; a file that does not parse is named in problems and its previous
        # version stays in force. warnings names programmes whose media is not stored and same-level clashes;
        # those files are in force all the same. Absent from sites older than this field.
        method ReloadSchedules() -> (schedules: []Schedule, problems: []string, warnings: ?[]string)

        # Something named in the call does not exist; what is media, alert, schedule or play.
        error NotFound (what: string, name: string)

        # The call contradicts existing state.
        error Conflict (reason: string)

        # A schedule file is not valid; each problem names the line and key.
        error InvalidSchedule (problems: []string)

        # Uploaded media could not be decoded or imported.
        error InvalidMedia (reason: string)

        # An argument is well-formed but not acceptable (a name with spaces, a volume out of
        # range); reason says what would be accepted.
        error InvalidArgument (parameter: string, reason: string)

        # Media is still referenced by schedules or alerts.
        error InUse (name: string, references: []string)

        # The alert was cancelled.
        error AlertCancelled (id: string)

        # The alert expired before it could air.
        error Expired (id: string)

        # The message or media is larger than limit bytes.
        error TooLarge (limit: int)

        # A signed alert was refused; code names the check that failed, reason says why.
        error AlertRefused (code: string, reason: string)

        # The audio device is missing or failing.
        error DeviceUnavailable (reason: string)

        # The site could not carry out the call because of a fault of its own (disk, database).
        error Internal (reason: string)

        """#
}
