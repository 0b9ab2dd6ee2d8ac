import CLinux
import Foundation

/// Whether this machine's wall clock is synchronised, as health reports it: alerts and schedules air on the wall
/// clock, so an operator must see when it cannot be trusted.
public enum ClockSynchronization {
    /// Whether the kernel considers the clock synchronised (adjtimex: not TIME_ERROR and STA_UNSYNC clear), which
    /// is what NTP or chrony set once they have locked on. The shipped systemd unit's `ProtectClock=yes` refuses
    /// adjtimex even for reading; then the flag systemd-timesyncd (Debian's default) keeps in /run answers instead.
    public static func isSynchronized(timesyncFlag: String = "/run/systemd/timesync/synchronized") -> Bool {
        var state = timex()
        let result = adjtimex(&state)
        guard result >= 0 else { return FileManager.default.fileExists(atPath: timesyncFlag) }
        return result != TIME_ERROR && (state.status & STA_UNSYNC) == 0
    }
}
