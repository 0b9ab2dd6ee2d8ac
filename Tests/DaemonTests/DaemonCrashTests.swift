import CommuneCastTesting
import Foundation
import Testing

@Suite("communecastd: kill -9 loses nothing acknowledged and leaves no partial media", .serialized)
struct DaemonCrashTests {
    @Test("after kill -9, acknowledged media and alerts are there, pending repeats continue, no partial files")
    func killDuringWork() throws {
        let daemon = try DaemonHarness()
        defer { daemon.cleanUp() }
        try daemon.start()
        let tone = try MediaFixtures.sine(frequency: 700, seconds: 0.3, at: daemon.directory.file("t.opus"))
        #expect(try daemon.cli(["media", "upload", tone, "--name", "kept"]).status == 0)
        #expect(try daemon.cli(["alert", "push", "--media", "kept", "--id", "crash-1", "--repeat", "3", "--interval",
                                "2", "--no-tone"]).status == 0)
        // An upload big enough to be mid-pipeline when the daemon dies (sent as is, so the daemon encodes it).
        let big = daemon.directory.file("big.wav")
        try WAVWriter.write(Signals.speechLike(seconds: 60, sampleRate: 48_000, peak: 0.5), to: big, sampleRate: 48_000)
        let uploader = Process()
        uploader.executableURL = URL(fileURLWithPath: BuiltProducts.path(of: "communecast"))
        uploader.arguments = ["media", "upload", big, "--name", "interrupted", "--as-is",
                              "--connect", "unix:\(daemon.socket)"]
        uploader.standardError = FileHandle.nullDevice
        uploader.standardOutput = FileHandle.nullDevice
        try uploader.run()
        Thread.sleep(forTimeInterval: 0.6)
        daemon.stop(signal: SIGKILL)
        uploader.waitUntilExit()

        try daemon.start()
        let names = (try daemon.json(["media", "list"]) as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
        #expect(names.contains("kept"))
        let files = try FileManager.default.contentsOfDirectory(atPath: daemon.directory.file("state/media"))
        #expect(files.allSatisfy { !$0.hasPrefix(".") }, "partial files left: \(files)")
        #expect(files.count == names.count, "files \(files) vs rows \(names)")
        let health = try daemon.json(["health"]) as? [String: Any]
        #expect(health?["database_ok"] as? Bool == true)
        #expect(try daemon.wait(timeout: 30) {
            let alert = (try daemon.json(["alert", "list"]) as? [[String: Any]])?.first { $0["id"] as? String == "crash-1" }
            return alert?["state"] as? String == "done" && alert?["aired"] as? Int == 3
        })
    }
}
