import Playout

/// The one line systemd shows for the daemon in `systemctl status` (`STATUS=`), e.g.
/// `serving; 2 schedules; device ok; idle` or
/// `serving; 2 schedules; device ok; playing alert:bao-so-9 'bao' (emergency)`.
/// It is what an installer on the phone needs first: is it up, does it have its programme, can it make a sound.
enum StatusLine {
    /// The longest device error kept in the line; the full text is in health and the journal.
    static let maxErrorLength = 60

    /// Builds the line from the engine's state, the number of schedules in force and the last reload's problem.
    static func make(snapshot: PlayoutSnapshot, schedules: Int, reloadProblem: String?) -> String {
        var parts = ["serving", "\(schedules) schedule\(schedules == 1 ? "" : "s")"]
        let device = snapshot.device
        switch device.state {
        case .ok: parts.append("device ok")
        case .closed: parts.append("device closed")
        case .degraded:
            let error = (device.lastError ?? "unknown error").split(whereSeparator: \.isNewline).first ?? ""
            let short = error.count > maxErrorLength ? "\(error.prefix(maxErrorLength - 1))…" : String(error)
            parts.append("device degraded: \(short)")
        }
        if let now = snapshot.nowPlaying {
            let name = now.item.mediaName.map { " '\($0)'" } ?? ""
            parts.append("playing \(now.item.source)\(name) (\(now.item.level.rawValue))")
        } else {
            parts.append("idle")
        }
        if !snapshot.queue.isEmpty { parts.append("\(snapshot.queue.count) queued") }
        if let reloadProblem { parts.append(reloadProblem) }
        return parts.joined(separator: "; ")
    }
}
