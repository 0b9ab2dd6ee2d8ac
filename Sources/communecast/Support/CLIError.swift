/// A failure the CLI reports in its own words (exit status 1).
struct CLIError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) { self.description = description }
}
