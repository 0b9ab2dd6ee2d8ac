import Scheduling

extension ScheduleRegistry {
    /// `schedule` with each text programme pointed at the media its words were rendered to (rendering them now
    /// unless the site already holds them), and one problem per text that cannot be spoken, naming `file` and the
    /// programme. Runs on the caller's thread: the daemon calls it from threads of its own (see `MediaLibrary.speak`).
    func speakTexts(of schedule: Schedule, file: String) -> (Schedule, [String]) {
        guard schedule.programmes.contains(where: { $0.text != nil }) else { return (schedule, []) }
        var spoken = schedule
        var problems: [String] = []
        for index in spoken.programmes.indices {
            guard let text = spoken.programmes[index].text else { continue }
            let id = spoken.programmes[index].id
            guard let media else {
                problems.append("\(file): programme '\(id)': this site cannot speak text")
                continue
            }
            do {
                let record = try media.speak(text.text, voice: text.voice, rate: text.rate,
                                             source: "\(file), programme \(id)")
                spoken.programmes[index].media = record.name
            } catch SiteFailure.invalidParameter(_, let why) {
                problems.append("\(file): programme '\(id)': text: \(why)")
            } catch {
                problems.append("\(file): programme '\(id)': cannot speak its text: \(error)")
            }
        }
        return (spoken, problems)
    }
}
