import ControlProtocol

/// Tables shared by the schedule commands.
enum ScheduleTables {
    /// One row per programme with its next airing.
    static func programmes(_ schedule: Site.Schedule) -> String {
        var table = Table("PROGRAMME", "LEVEL", "MEDIA", "NEXT", "TITLE")
        for programme in schedule.programmes {
            table.add(programme.id, programme.level.rawValue, programme.media, programme.next ?? "-", programme.title)
        }
        return table.isEmpty ? "no programmes" : table.render()
    }
}
