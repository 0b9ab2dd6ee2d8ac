/// CAP 1.2's closed lists (OASIS CAP 1.2 §3.2), spelt exactly as the standard spells them: `actual` or `ACTUAL` is
/// not `Actual`, and is refused.
public enum CAPStatus: String, Sendable, Hashable, CaseIterable {
    /// Actionable by all targeted recipients.
    case actual = "Actual"
    /// Actionable only by designated exercise participants.
    case exercise = "Exercise"
    /// For messages that support alert network internal functions.
    case system = "System"
    /// Technical testing only; all recipients disregard it.
    case test = "Test"
    /// A preliminary template or draft, not actionable in its current form.
    case draft = "Draft"
}

/// CAP's `msgType`.
public enum CAPMessageType: String, Sendable, Hashable, CaseIterable {
    /// Initial information requiring attention.
    case alert = "Alert"
    /// Updates and supersedes the earlier messages in `references`.
    case update = "Update"
    /// Cancels the earlier messages in `references`.
    case cancel = "Cancel"
    /// Acknowledges receipt of the referenced messages.
    case ack = "Ack"
    /// Rejects the referenced messages.
    case error = "Error"
}

/// CAP's `scope`.
public enum CAPScope: String, Sendable, Hashable, CaseIterable {
    /// For general dissemination to unrestricted audiences.
    case `public` = "Public"
    /// For users with a known operational requirement (`restriction`).
    case restricted = "Restricted"
    /// For the listed `addresses` only.
    case `private` = "Private"
}

/// CAP's `category`.
public enum CAPCategory: String, Sendable, Hashable, CaseIterable {
    case geo = "Geo", met = "Met", safety = "Safety", security = "Security", rescue = "Rescue", fire = "Fire"
    case health = "Health", env = "Env", transport = "Transport", infra = "Infra", cbrne = "CBRNE", other = "Other"
}

/// CAP's `responseType`.
public enum CAPResponseType: String, Sendable, Hashable, CaseIterable {
    case shelter = "Shelter", evacuate = "Evacuate", prepare = "Prepare", execute = "Execute", avoid = "Avoid"
    case monitor = "Monitor", assess = "Assess", allClear = "AllClear", none = "None"
}

/// CAP's `urgency`.
public enum CAPUrgency: String, Sendable, Hashable, CaseIterable {
    case immediate = "Immediate", expected = "Expected", future = "Future", past = "Past", unknown = "Unknown"
}

/// CAP's `severity`.
public enum CAPSeverity: String, Sendable, Hashable, CaseIterable {
    case extreme = "Extreme", severe = "Severe", moderate = "Moderate", minor = "Minor", unknown = "Unknown"
}

/// CAP's `certainty`.
public enum CAPCertainty: String, Sendable, Hashable, CaseIterable {
    case observed = "Observed", likely = "Likely", possible = "Possible", unlikely = "Unlikely", unknown = "Unknown"
}
