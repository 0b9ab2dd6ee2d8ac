import CommuneCastTesting
import Foundation
import Testing

/// Issue 11, data loss: `media rm` of a second name of the same audio deleted the audio itself.
@Suite("communecastd: a media name is removed alone; the audio goes with its last name", .serialized)
struct DaemonMediaNameTests {
    /// A started daemon holding one chime uploaded as "chuong" and again as "chuong-2".
    static func daemonWithTwoNames() throws -> DaemonHarness {
        let daemon = try DaemonHarness()
        try daemon.start()
        let chime = try MediaFixtures.sine(frequency: 880, seconds: 0.3, at: daemon.directory.file("chime.opus"))
        #expect(try daemon.cli(["media", "upload", chime, "--name", "chuong"]).status == 0)
        let again = try daemon.cli(["media", "upload", chime, "--name", "chuong-2"])
        #expect(again.status == 0 && again.standardOutput.contains("already stored chuong"), "\(again.standardOutput)")
        return daemon
    }

    @Test("uploading a file twice under two names and removing one leaves the other playing")
    func removingAnAliasKeepsTheAudio() throws {
        let daemon = try Self.daemonWithTwoNames()
        defer { daemon.cleanUp() }

        // Every name that plays something is listed, each with the one file's sha256.
        let listed = try daemon.json(["media", "list"]) as? [[String: Any]] ?? []
        #expect(listed.compactMap { $0["name"] as? String } == ["chuong", "chuong-2"])
        #expect(Set(listed.compactMap { $0["sha256"] as? String }).count == 1)
        let sha = try #require(listed.first?["sha256"] as? String)
        let file = daemon.directory.file("state/media/\(sha).opus")

        let removed = try daemon.cli(["media", "rm", "chuong-2"])
        #expect(removed.status == 0, "\(removed.standardError)")
        #expect(removed.standardOutput.contains("removed the name 'chuong-2'; its audio stays on the site as 'chuong'"))
        #expect(FileManager.default.fileExists(atPath: file))
        #expect(try daemon.cli(["play", "chuong"]).status == 0)
        #expect(try daemon.wait { try outcomes(daemon.asRun(), source: "play:") == ["aired"] }, "\(daemon.log)")
        let left = try daemon.json(["media", "list"]) as? [[String: Any]] ?? []
        #expect(left.compactMap { $0["name"] as? String } == ["chuong"])
        #expect(try daemon.cli(["play", "chuong-2"]).status == 1)

        let last = try daemon.cli(["media", "rm", "chuong", "--json"])
        #expect(last.status == 0 && last.standardOutput == "{}\n", "\(last.standardOutput)")
        #expect(!FileManager.default.fileExists(atPath: file))
        #expect(try daemon.cli(["media", "list"]).standardOutput.contains("no media stored"))
    }

    @Test("a schedule file playing the audio by one name holds that name and the audio, not the other name")
    func scheduleFileHoldsItsName() throws {
        let daemon = try Self.daemonWithTwoNames()
        defer { daemon.cleanUp() }
        try daemon.writeSchedule("xa", ScheduleSupport.yaml([("sang", "chuong-2", ScheduleSupport.instant(in: 7_200),
                                                               "")]))
        #expect(try daemon.cli(["schedule", "reload"]).status == 0)

        let held = try daemon.cli(["media", "rm", "chuong-2"])
        #expect(held.status == 1 && held.standardError.contains("schedule:xa/sang"), "\(held.standardError)")
        let other = try daemon.cli(["media", "rm", "chuong"])
        #expect(other.status == 0 && other.standardOutput.contains("stays on the site as 'chuong-2'"),
                "\(other.standardOutput)")
        let audio = try daemon.cli(["media", "rm", "chuong-2"])
        #expect(audio.status == 1 && audio.standardError.contains("schedule:xa/sang"), "\(audio.standardError)")
    }
}
