extension AlertLevel: Comparable {
    /// `priority` < `emergency`: a push at a higher level than an alert of the same key is never a duplicate.
    public static func < (lhs: AlertLevel, rhs: AlertLevel) -> Bool {
        lhs == .priority && rhs == .emergency
    }
}
