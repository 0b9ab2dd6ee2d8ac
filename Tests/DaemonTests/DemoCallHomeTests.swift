import CommuneCastTesting
import Foundation
import Testing

/// `make demo-callhome` (issue 15 §7) runs as shipped: scripts/demo-callhome.sh with the built binaries, in a
/// temporary directory, and does what it says: both sites air the signed alert, taken from the broker, the one
/// started after the push included. The script waits for each event itself (90 s at most each), never a fixed time.
@Suite("make demo-callhome: a signed alert through a local Mosquitto reaches a site started after the push")
struct DemoCallHomeTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    @Test("the demo exits 0; both sites aired bao-so-9 from the broker; alert send and fleet health summaries")
    func demo() async throws {
        let work = try TemporaryDirectory(prefix: "demo-callhome")
        defer { work.remove() }
        let (script, environment) = ("\(Self.repository)/scripts/demo-callhome.sh", [
            "COMMUNECAST_BIN": BuiltProducts.directory, "DEMO_CALLHOME_WORK": work.file("demo"),
        ])
        // The demo takes tens of seconds: it runs on a thread of its own, and the test suspends, leaving the pool's
        // two threads to the suites running beside it.
        let output = try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(with: Result { try ProcessRunner.run("bash", [script], environment: environment) })
            }
        }
        let printed = output.standardOutput
        #expect(output.status == 0, "\(printed)\(output.standardError)")
        let lines = printed.split(separator: "\n")
        #expect(lines.contains { $0.hasPrefix("xa-an-phu ") && $0.contains("via mqtts://localhost:")
            && $0.contains(" ok ") }, "\(printed)")
        #expect(printed.contains("alert send: 1 site: 1 ok"), "only xa-an-phu was online at the push: \(printed)")
        #expect(lines.filter { $0.contains("alert:bao-so-9") && $0.contains(" aired ") }.count == 2,
                "both sites' as-run logs show the airing: \(printed)")
        #expect(printed.contains("fleet health: 2 sites:"), "\(printed)")
        for site in ["xa-an-phu", "xa-phu-tan"] {
            let log = (try? String(contentsOfFile: work.file("demo/\(site)/daemon.log"), encoding: .utf8)) ?? ""
            #expect(log.split(separator: "\n").contains {
                $0.contains("method=PushSignedAlert peer=mqtt:mqtts://localhost:") && $0.contains("result=ok")
            }, "\(site) took the alert from the broker: \(log)")
            let broadcast = try? FileManager.default.attributesOfItem(atPath: work.file("demo/\(site)/broadcast.wav"))
            #expect((broadcast?[.size] as? Int ?? 0) > 100_000, "\(site) played the tone and the speech")
        }
    }
}
