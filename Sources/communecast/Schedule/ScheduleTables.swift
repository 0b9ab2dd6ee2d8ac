import ControlProtocol

/// Tables shared by the schedule commands.
enum ScheduleTables {
    /// One row per programme with its next airing.
    static func programmes(_ schedule: Site.Schedule) -> String {
        var table = Table("PROGRAMME", "LEVEL", "MEDIA", "NEXT", "TITLE")
        for programme in schedule.programmes {
            var content = programme.text.map { "text: \"\($0)\"" } ?? programme.media
            if let seconds = programme.durationSeconds {
                content += seconds == seconds.rounded() ? " for \(Int(seconds)) s" : " for \(seconds) s"
            }
            table.add(programme.id, programme.level.rawValue, content, programme.next ?? "-", programme.title)
        }
        return table.isEmpty ? "no programmes" : table.render()
    }
}
