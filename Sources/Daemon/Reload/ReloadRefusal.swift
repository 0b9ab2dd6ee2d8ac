/// Why a reload refused files that parse: a setting that names something the site does not have. The previous
/// settings stay in force, as for a file with a syntax problem.
struct ReloadRefusal: Error, CustomStringConvertible {
    /// The configuration file.
    var file: String
    /// The key at fault and what to do about it.
    var problem: String

    var description: String { "\(file): \(problem)" }
}
