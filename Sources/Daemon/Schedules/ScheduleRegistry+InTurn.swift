/// The registry's changes as the control socket asks for them: each runs on the registry's ``SerialWork`` queue, in
/// the order asked, so the calls wait for each other without holding threads of the cooperative pool.
extension ScheduleRegistry {
    /// ``add(name:yaml:afterConflict:replace:now:)`` on the queue of changes, for AddSchedule.
    func addInTurn(
        name: String, yaml: String, afterConflict: Bool, replace: Bool
    ) async throws -> (SiteSchedule, [String], AddOutcome) {
        try await work.run { try self.add(name: name, yaml: yaml, afterConflict: afterConflict, replace: replace) }
    }

    /// ``remove(id:)`` on the queue of changes, for RemoveSchedule.
    func removeInTurn(id: String) async throws {
        try await work.run { try self.remove(id: id) }
    }

    /// ``mediaChanged()`` on the queue of changes, for UploadMedia and DeleteMedia.
    func mediaChangedInTurn() async throws {
        try await work.run { self.mediaChanged() }
    }
}
