import Foundation

/// How much of the audit log a site keeps (issue 12): without a bound, refused calls from revoked or unknown callers
/// fill the disk. Entries older than ``maximumAge`` go, then the oldest beyond ``maximumRows``; entries of callers
/// with no role at all (unknown or revoked certificates, local users in no CommuneCast group) may fill at most
/// ``maximumRowsWithoutRole`` of them, so such callers cannot push the trail of real staff out of the log.
public struct AuditRetention: Sendable, Equatable {
    /// The default of `audit.max_age_days`: a year.
    public static let defaultMaximumAgeDays = 365
    /// The default of `audit.max_rows`.
    public static let defaultMaximumRows = 50_000

    /// Entries older than this many days are deleted.
    public var maximumAgeDays = Self.defaultMaximumAgeDays
    /// The most entries kept.
    public var maximumRows = Self.defaultMaximumRows

    /// The defaults.
    public init() {}

    /// How old an entry may be.
    public var maximumAge: TimeInterval { TimeInterval(maximumAgeDays) * 86_400 }

    /// The most entries of callers without a role kept: a tenth of ``maximumRows``.
    public var maximumRowsWithoutRole: Int { max(1, maximumRows / 10) }
}
