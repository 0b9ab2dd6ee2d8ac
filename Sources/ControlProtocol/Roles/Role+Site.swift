extension Role {
    /// The least role each `io.communecast.Site` method needs, as `docs/protocol.md` documents.
    ///
    /// Reading is for everyone with a role; media, schedules and normal or priority plays are the commune
    /// operator's; alerts are the province's (a signed alert carries its authority in its signatures, so any caller
    /// with a role may hand one over); the volume (and anything not listed) is the admin's.
    public static let siteRequirements: [String: Role] = [
        Site.GetHealth.name: .monitor,
        Site.Monitor.name: .monitor,
        Site.ListMedia.name: .monitor,
        Site.ListAlerts.name: .monitor,
        Site.GetAsRunLog.name: .monitor,
        Site.PushSignedAlert.name: .monitor,
        Site.ListSchedules.name: .monitor,
        Site.ShowSchedule.name: .monitor,
        Site.UploadMedia.name: .operator,
        Site.DeleteMedia.name: .operator,
        Site.Play.name: .operator,
        Site.Stop.name: .operator,
        Site.AddSchedule.name: .operator,
        Site.RemoveSchedule.name: .operator,
        Site.ReloadSchedules.name: .operator,
        Site.PushAlert.name: .provincial,
        Site.CancelAlert.name: .provincial,
        Site.SetVolume.name: .admin,
    ]
}
