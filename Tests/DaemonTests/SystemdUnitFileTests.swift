import CommuneCastTesting
import Foundation
import Testing

/// The shipped systemd files, checked by systemd's own tools (scripts/check-units.sh, also `make check-units`).
@Suite("systemd/: units verify, the exposure stays at or below 2.0, sysusers and tmpfiles apply")
struct SystemdUnitFileTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    @Test("scripts/check-units.sh passes and reports the exposure")
    func checkUnits() throws {
        let output = try ProcessRunner.run("bash", ["\(Self.repository)/scripts/check-units.sh",
                                                    BuiltProducts.path(of: "communecastd")])
        #expect(output.status == 0, "\(output.standardOutput)\(output.standardError)")
        let line = output.standardOutput.split(separator: "\n").first { $0.hasPrefix("exposure: ") } ?? ""
        let scores = line.split(separator: " ").compactMap { Double($0.trimmingCharacters(in: .punctuationCharacters)) }
        #expect(scores.count >= 2, "no exposure in: \(output.standardOutput)")
        #expect(scores.prefix(2).allSatisfy { $0 <= 2.0 }, "\(line)")
    }
}
