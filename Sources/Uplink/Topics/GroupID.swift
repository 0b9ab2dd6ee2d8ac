/// An opaque group id that alerts and commands are published to once for many sites: a province, a commune, a tag,
/// or `all`. The province assigns them; sites list theirs in their configuration. They carry no administrative
/// hierarchy (communes were merged in 2025, and will be again), so `p-89`, `c-30316` or `ven-song` are all just ids.
public struct GroupID: Sendable, Hashable, TopicToken {
    /// The id.
    public let rawValue: String

    /// The group every site belongs to.
    public static let all = GroupID(checked: "all")

    /// Checks that `rawValue` can be a topic level.
    public init(_ rawValue: String) throws(TopicNameError) {
        guard TopicName.isValid(rawValue) else { throw TopicNameError(kind: "group id", name: rawValue) }
        self.rawValue = rawValue
    }

    private init(checked: String) {
        rawValue = checked
    }
}
