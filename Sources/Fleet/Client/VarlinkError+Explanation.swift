import ControlProtocol

extension VarlinkError {
    /// The error in words for people, for the errors whose parameters say enough (`media 'x' is not on the site`);
    /// nil for the others, which are shown as they came.
    public var explanation: String? {
        func text(_ key: String) -> String? {
            if case .string(let value) = parameters[key] { return value }
            return nil
        }
        func texts(_ key: String) -> [String] {
            guard case .array(let values) = parameters[key] else { return [] }
            return values.compactMap { if case .string(let value) = $0 { value } else { nil } }
        }
        switch name {
        case "io.communecast.Site.NotFound":
            guard let what = text("what"), let name = text("name") else { return nil }
            return "\(what) '\(name)' is not on the site"
        case "io.communecast.Site.Conflict", "io.communecast.Site.InvalidMedia", "io.communecast.Site.Internal",
             "io.communecast.Site.DeviceUnavailable":
            return text("reason")
        case "io.communecast.Site.InvalidSchedule":
            let problems = texts("problems")
            guard !problems.isEmpty else { return nil }
            return "the schedule is not valid:\n" + problems.map { "  " + $0 }.joined(separator: "\n")
        case "io.communecast.Site.InUse":
            guard let name = text("name") else { return nil }
            return "'\(name)' is still used by \(texts("references").joined(separator: ", "))"
        case "org.varlink.service.InvalidParameter":
            return text("parameter").map { "invalid parameter '\($0)' (the site's log says why)" }
        default:
            return nil
        }
    }
}
