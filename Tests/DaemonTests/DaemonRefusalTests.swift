import CommuneCastTesting
import Foundation
import Testing

@Suite("communecastd refusals in words: names from Vietnamese file names, errors for people, fan-out results",
       .serialized)
struct DaemonRefusalTests {
    /// Also: a bad --name is refused with the allowed characters, and the site's own refusal carries its reason.
    @Test("upload and schedule add make valid names from Vietnamese file names with spaces")
    func vietnameseNames() throws {
        let daemon = try DaemonHarness()
        defer { daemon.cleanUp() }
        try daemon.start()
        let wav = daemon.directory.file("Thông báo tiêm phòng.wav")
        try WAVWriter.write(Signals.sine(frequency: 500, seconds: 0.5, sampleRate: 22_050), to: wav,
                            sampleRate: 22_050)
        let upload = try daemon.cli(["media", "upload", wav])
        #expect(upload.status == 0, "\(upload.standardError)")
        #expect(upload.standardOutput.hasPrefix("stored thong-bao-tiem-phong:"), "\(upload.standardOutput)")
        let hall = daemon.directory.file("Đường làng.wav")
        try WAVWriter.write(Signals.sine(frequency: 700, seconds: 0.5, sampleRate: 22_050), to: hall,
                            sampleRate: 22_050)
        #expect(try daemon.cli(["media", "upload", hall]).standardOutput.hasPrefix("stored duong-lang:"))

        let schedule = daemon.directory.file("lịch xã.yaml")
        try ScheduleSupport.yaml([("tiem-phong", "thong-bao-tiem-phong", ScheduleSupport.instant(in: 3_600), "")])
            .write(toFile: schedule, atomically: true, encoding: .utf8)
        let added = try daemon.cli(["schedule", "add", schedule])
        #expect(added.status == 0, "\(added.standardError)")
        #expect(added.standardOutput.hasPrefix("added schedule 'lich-xa'"), "\(added.standardOutput)")

        let badName = try daemon.cli(["media", "upload", wav, "--name", "bao cao"])
        #expect(badName.status == 2)
        #expect(badName.standardError.contains("the media name 'bao cao' contains a space; use 1 to 100 letters "
                                               + "(Vietnamese letters too), digits 0-9, '.', '-' or '_'"),
                "\(badName.standardError)")
        let badSchedule = try daemon.cli(["schedule", "add", schedule, "--name", "lịch"])
        #expect(badSchedule.status == 2)
        #expect(badSchedule.standardError.contains("contains 'ị'; use 1 to 64 letters a-z and A-Z"),
                "\(badSchedule.standardError)")

        // A client that does not check first (here a raw varlink call) gets the reason from the site itself.
        let script = """
            import json, socket, sys
            s = socket.socket(socket.AF_UNIX); s.connect(sys.argv[1])
            call = {"method": "io.communecast.Site.UploadMedia", "parameters": {"name": "bao cao", "data": "AAAA"}}
            s.sendall(json.dumps(call).encode() + b"\\0")
            print(s.recv(65536).decode().rstrip("\\0"))
            """
        let raw = try ProcessRunner.run("/usr/bin/python3", ["-c", script, daemon.socket])
        let reply = try JSONSerialization.jsonObject(with: Data(raw.standardOutput.utf8)) as? [String: Any]
        #expect(reply?["error"] as? String == "io.communecast.Site.InvalidArgument", "\(raw.standardOutput)")
        let parameters = reply?["parameters"] as? [String: Any]
        #expect(parameters?["parameter"] as? String == "name")
        #expect((parameters?["reason"] as? String)?.contains("contains a space") == true)
        #expect(daemon.wait { daemon.log.contains("io.communecast.Site.InvalidArgument") &&
            daemon.log.contains("contains a space") }, "the site's log says why too")
    }

    @Test("expired and cancelled alerts are refused in sentences, and fan-out files them under refused")
    func alertRefusals() throws {
        let daemon = try DaemonScheduleTests.daemonWithMedia(seconds: 0.3)
        defer { daemon.cleanUp() }

        let expired = try daemon.cli(["alert", "push", "--media", "ban-tin", "--id", "x2", "--no-tone", "--expires",
                                      "2020-01-01T00:00:00+07:00"])
        #expect(expired.status == 1)
        #expect(expired.standardError.contains("the site refused the call: alert 'x2' has expired"),
                "\(expired.standardError)")
        #expect(!expired.standardError.contains("io.communecast") && !expired.standardError.contains("{"))

        let push = ["alert", "push", "--media", "ban-tin", "--id", "x3", "--no-tone", "--level", "priority"]
        #expect(try daemon.cli(push).status == 0)
        #expect(try daemon.cli(["alert", "cancel", "x3"]).status == 0)
        let again = try daemon.cli(push)
        #expect(again.status == 1)
        #expect(again.standardError.contains("alert 'x3' was cancelled, and a cancelled alert never airs again"),
                "\(again.standardError)")

        // The inventory sits beside the socket and names it relatively, as the README says paths are read.
        let inventory = daemon.directory.file("province.yaml")
        try "sites:\n  - {name: xa-a, commune: \"00001\", address: \"unix:control.sock\"}\n"
            .write(toFile: inventory, atomically: true, encoding: .utf8)
        let fleet = try daemon.cli(push + ["--inventory", inventory, "--all"])
        #expect(fleet.status == 1)
        let row = fleet.standardOutput.split(separator: "\n").first { $0.hasPrefix("xa-a ") } ?? ""
        #expect(row.contains(" refused ") && row.contains("was cancelled"), "\(fleet.standardOutput)")
        #expect(fleet.standardOutput.contains("alert push: 1 site: 1 refused"))
        // The relative unix: address is reached; the machine's clock may or may not be synchronised (a warning, 3).
        let synchronised = try daemon.health()["clock_synchronized"] as? Bool == true
        let health = try daemon.cli(["health", "--inventory", inventory, "--all"])
        #expect(health.status == (synchronised ? 0 : 3), "\(health.standardOutput)\(health.standardError)")
        #expect(health.standardOutput.contains("xa-a ") && !health.standardOutput.contains("unreachable"))
    }
}
