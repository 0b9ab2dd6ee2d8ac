extension VarlinkError {
    /// Something named in the call (`what`: media, alert, schedule, play) does not exist.
    public static func notFound(what: String, name: String) -> VarlinkError {
        site("NotFound", ["what": .string(what), "name": .string(name)])
    }

    /// The call contradicts existing state, such as a schedule that overlaps another at the same level.
    public static func conflict(reason: String) -> VarlinkError {
        site("Conflict", ["reason": .string(reason)])
    }

    /// A schedule file is not valid; each problem names the line and key.
    public static func invalidSchedule(problems: [String]) -> VarlinkError {
        site("InvalidSchedule", ["problems": .array(problems.map(JSONValue.string))])
    }

    /// An argument is well-formed but not acceptable (a name with spaces, a volume out of range); `reason` says what
    /// would be accepted, so the caller can show it as it is.
    public static func invalidArgument(parameter: String, reason: String) -> VarlinkError {
        site("InvalidArgument", ["parameter": .string(parameter), "reason": .string(reason)])
    }

    /// Uploaded media could not be decoded or imported.
    public static func invalidMedia(reason: String) -> VarlinkError {
        site("InvalidMedia", ["reason": .string(reason)])
    }

    /// Media cannot be deleted because schedules or alerts still reference it.
    public static func inUse(name: String, references: [String]) -> VarlinkError {
        site("InUse", ["name": .string(name), "references": .array(references.map(JSONValue.string))])
    }

    /// The alert was cancelled, so it can no longer be changed or repeated.
    public static func alertCancelled(id: String) -> VarlinkError {
        site("AlertCancelled", ["id": .string(id)])
    }

    /// The alert's expiry time has passed; it will not be aired.
    public static func expired(id: String) -> VarlinkError {
        site("Expired", ["id": .string(id)])
    }

    /// The message or media exceeds a size limit, in bytes.
    public static func tooLarge(limit: Int) -> VarlinkError {
        site("TooLarge", ["limit": .integer(Int64(limit))])
    }

    /// A signed alert was refused: `code` is the stable code of the check that failed (`bad_signature`,
    /// `not_for_this_site`, `equivocation`…), `reason` the sentence the site logged.
    public static func alertRefused(code: String, reason: String) -> VarlinkError {
        site("AlertRefused", ["code": .string(code), "reason": .string(reason)])
    }

    /// The audio device is missing or failing, so the request cannot be carried out now.
    public static func deviceUnavailable(reason: String) -> VarlinkError {
        site("DeviceUnavailable", ["reason": .string(reason)])
    }

    /// The site failed for a reason of its own (disk full, database error); the caller may retry later.
    public static func `internal`(reason: String) -> VarlinkError {
        site("Internal", ["reason": .string(reason)])
    }

    private static func site(_ member: String, _ parameters: [String: JSONValue]) -> VarlinkError {
        VarlinkError(name: SiteInterface.name + "." + member, parameters: parameters)
    }
}
