import CAPIntake
import CommuneCastTesting
import Foundation

/// Policies for the CAP intake tests, written to a directory and loaded as an operator's would be.
enum CAPFixtures {
    /// A policy file in `directory` made of `text`, loaded.
    static func policy(_ text: String, in directory: TemporaryDirectory, name: String = "policy.yaml") throws
        -> CAPPolicy {
        try text.write(toFile: directory.file(name), atomically: true, encoding: .utf8)
        return try CAPPolicy.load(path: directory.file(name))
    }
}
