/// What ``Store/pushAlert(_:)`` did with a push.
public struct AlertPushResult: Sendable, Equatable {
    /// The alert as stored now.
    public var record: AlertRecord
    /// True when its issuer had already pushed this id at this level or higher: nothing changed.
    public var duplicate: Bool
    /// The issuer's earlier alert with this id at a lower level, which this push replaced (escalated); nil otherwise.
    public var replaced: AlertRecord?

    /// Creates a result.
    public init(record: AlertRecord, duplicate: Bool, replaced: AlertRecord? = nil) {
        self.record = record
        self.duplicate = duplicate
        self.replaced = replaced
    }
}
