/// The version printed by `--version` and reported in health.
enum CommuneCastVersion {
    /// Semantic version of this build.
    static let current = "0.1.0"
}
