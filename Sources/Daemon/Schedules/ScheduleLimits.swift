/// How many programmes a site keeps in force (issue 12): every programme is checked for clashes and planned, so the
/// number is bounded, per schedule and for the whole site, with defaults far above what a commune schedules. Set in
/// `communecastd.yaml` under `schedules:`; a SIGHUP applies a change to what is added or loaded from then on.
public struct ScheduleLimits: Sendable, Equatable {
    /// The default of `schedules.max_programmes_per_schedule`.
    public static let defaultProgrammesPerSchedule = 1_000
    /// The default of `schedules.max_programmes_per_site`.
    public static let defaultProgrammesPerSite = 5_000

    /// The most programmes one schedule (file or added) may hold.
    public var programmesPerSchedule = Self.defaultProgrammesPerSchedule
    /// The most programmes all the schedules in force may hold together.
    public var programmesPerSite = Self.defaultProgrammesPerSite

    /// The defaults.
    public init() {}

    /// Why a schedule of `count` programmes named `name` cannot join `others` programmes already in force, or nil.
    func problem(name: String, count: Int, others: Int) -> String? {
        if count > programmesPerSchedule {
            return "\(name) has \(count) programmes; a schedule may hold at most \(programmesPerSchedule) "
                + "(schedules.max_programmes_per_schedule in communecastd.yaml): split it into several schedules"
        }
        if others + count > programmesPerSite {
            return "\(name) has \(count) programmes and the site already has \(others); a site may hold at most "
                + "\(programmesPerSite) (schedules.max_programmes_per_site in communecastd.yaml): remove schedules "
                + "it no longer needs first"
        }
        return nil
    }
}
