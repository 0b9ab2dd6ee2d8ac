import Store
import YAMLSupport

extension AuditRetention {
    /// Reads the `audit:` keys of `communecastd.yaml` (`max_age_days`, `max_rows`), each with its default.
    static func parse(_ map: YAMLMap) -> AuditRetention {
        var retention = AuditRetention()
        retention.maximumAgeDays = map.int("max_age_days", default: defaultMaximumAgeDays, in: 1...36_500,
                                           unit: "days")
        retention.maximumRows = map.int("max_rows", default: defaultMaximumRows, in: 100...10_000_000, unit: "rows")
        map.finish()
        return retention
    }
}
