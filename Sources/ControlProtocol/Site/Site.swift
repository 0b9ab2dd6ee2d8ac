/// The Codable request, reply and model types of the `io.communecast.Site` interface.
///
/// The daemon's handlers and the CLI share these, so a field renamed in one place cannot drift from the other;
/// tests check every type against `SiteInterface.description`. Reply fields that carry a closed list hold
/// ``Tolerant`` values, so a client reads a newer site's values as text (docs/protocol.md, "Compatibility between
/// versions"); parameters keep the plain enums, since a site refuses what it does not know.
public enum Site {
    /// Every method of the interface, in the order the interface description declares them.
    public static let methods: [any VarlinkMethod.Type] = [
        GetHealth.self, Monitor.self, UploadMedia.self, ListMedia.self, DeleteMedia.self, Play.self,
        PushAlert.self, PushSignedAlert.self, CancelAlert.self, ListAlerts.self, GetAsRunLog.self, SetVolume.self,
        Stop.self,
        AddSchedule.self, ListSchedules.self, ShowSchedule.self, RemoveSchedule.self, ReloadSchedules.self,
    ]

    /// The least role of each method, by full name, for the control server's check before the handler.
    public static let leastRoles = Dictionary(uniqueKeysWithValues: methods.map { ($0.name, $0.leastRole) })

    /// The methods that change the site, by full name: the handler audits every call of these.
    public static let methodsChangingState = Set(methods.filter { $0.changesState }.map { $0.name })

    /// The names of the methods answered from memory, for the control server's fast path.
    public static let methodsAnsweredFromMemory = Set(methods.filter { $0.answeredFromMemory }.map { $0.name })

    /// The methods whose messages may be larger than the server's general limit.
    public static let methodFrameLimits = Dictionary(uniqueKeysWithValues: methods.compactMap { method in
        method.frameLimit.map { (method.name, $0) }
    })

    /// The methods that stream and so must be called with `more`.
    public static let methodsRequiringMore = Set(methods.filter { $0.streams }.map { $0.name })
}
