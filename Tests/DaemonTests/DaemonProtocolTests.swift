import CommuneCastTesting
import Foundation
import Testing

@Suite("communecastd: the control socket under bad input, other clients and third-party clients", .serialized)
struct DaemonProtocolTests {
    /// GetHealth over a raw socket, to prove the daemon still serves after abuse.
    static func healthy(_ daemon: DaemonHarness) throws -> Bool {
        let socket = try RawUnixSocket(path: daemon.socket)
        socket.sendMessage(#"{"method":"io.communecast.Site.GetHealth","parameters":{}}"#)
        return socket.receiveMessage()?.contains(#""site":"test-site""#) == true
    }

    @Test("garbage, invalid JSON, oversize frames, unknown methods and wrong types hurt only their own connection")
    func badInput() throws {
        let daemon = try DaemonHarness()
        defer { daemon.cleanUp() }
        try daemon.start()
        let bystander = try RawUnixSocket(path: daemon.socket)

        let garbage = try RawUnixSocket(path: daemon.socket)
        garbage.send([0xFF, 0xFE, 0x00])
        #expect(garbage.receiveMessage() == nil)

        let invalidJSON = try RawUnixSocket(path: daemon.socket)
        invalidJSON.sendMessage("{\"method\": ")
        #expect(invalidJSON.receiveMessage() == nil)

        let oversize = try RawUnixSocket(path: daemon.socket)
        oversize.send(Array(#"{"method":"io.communecast.Site.GetHealth","parameters":{"x":""#.utf8)
                      + [UInt8](repeating: 0x61, count: 70_000))
        #expect(oversize.receiveMessage() == nil)

        let unknown = try RawUnixSocket(path: daemon.socket)
        unknown.sendMessage(#"{"method":"io.communecast.Site.LaunchRocket","parameters":{}}"#)
        #expect(unknown.receiveMessage()?.contains("org.varlink.service.MethodNotFound") == true)
        unknown.sendMessage(#"{"method":"io.communecast.Site.Play","parameters":{"media":42}}"#)
        #expect(unknown.receiveMessage()?.contains("org.varlink.service.InvalidParameter") == true)
        unknown.sendMessage(#"{"method":"io.communecast.Site.Play","parameters":{"media":"no-such-thing"}}"#)
        #expect(unknown.receiveMessage()?.contains("io.communecast.Site.NotFound") == true)

        let notAudio = Data("this is not audio at all".utf8).base64EncodedString()
        unknown.sendMessage(#"{"method":"io.communecast.Site.UploadMedia","parameters":{"name":"x","data":"\#(notAudio)"}}"#)
        let refused = unknown.receiveMessage() ?? ""
        #expect(refused.contains("io.communecast.Site.InvalidMedia"))
        #expect(refused.contains("not a WAV or Ogg Opus"))
        let mediaFiles = try FileManager.default.contentsOfDirectory(atPath: daemon.directory.file("state/media"))
        #expect(mediaFiles.isEmpty, "no partial media may be left: \(mediaFiles)")

        bystander.sendMessage(#"{"method":"io.communecast.Site.GetHealth","parameters":{}}"#)
        #expect(bystander.receiveMessage()?.contains("test-site") == true)
        #expect(try Self.healthy(daemon))
    }

    @Test("an upload over the size limit is refused and nothing is stored")
    func oversizedUpload() throws {
        let daemon = try DaemonHarness()
        defer { daemon.cleanUp() }
        try daemon.start()
        let big = daemon.directory.file("big.wav")
        try WAVWriter.write([Float](repeating: 0.1, count: 6_500_000), to: big, sampleRate: 48_000)
        let result = try daemon.cli(["media", "upload", big, "--as-is"])
        #expect(result.status == 1)
        #expect(result.standardError.contains("12 MiB"))
        #expect(try Self.healthy(daemon))
    }

    @Test("a WAV is encoded once by the CLI and stored as sent; the same audio under another name is stored once")
    func uploadStoredAsSent() throws {
        let daemon = try DaemonHarness()
        defer { daemon.cleanUp() }
        try daemon.start()
        let wav = daemon.directory.file("thong-bao.wav")
        try WAVWriter.write(Signals.speechLike(seconds: 3, sampleRate: 16_000, peak: 0.3), to: wav, sampleRate: 16_000)
        let local = daemon.directory.file("local.opus")
        let encoded = try ProcessRunner.run(BuiltProducts.path(of: "communecast"),
                                            ["media", "encode", wav, local, "--json"])
        #expect(encoded.status == 0, "\(encoded.standardError)")
        let first = try daemon.json(["media", "upload", wav, "--name", "thong-bao"]) as? [String: Any]
        let media = try #require(first?["media"] as? [String: Any])
        #expect(first?["deduplicated"] as? Bool == false)
        // What the site stored is byte for byte what the CLI's pipeline made.
        let stored = daemon.directory.file("state/media/\(media["sha256"] as? String ?? "").opus")
        let storedBytes = try Data(contentsOf: URL(fileURLWithPath: stored))
        #expect(!storedBytes.isEmpty)
        #expect(daemon.log.contains("media stored as sent"))
        let again = try daemon.json(["media", "upload", wav, "--name", "hop-dan"]) as? [String: Any]
        #expect(again?["deduplicated"] as? Bool == true)
        #expect((again?["media"] as? [String: Any])?["sha256"] as? String == media["sha256"] as? String)
        // Both names play it, so both are listed; the audio is one file.
        let list = try daemon.json(["media", "list"]) as? [[String: Any]] ?? []
        #expect(list.compactMap { $0["name"] as? String } == ["hop-dan", "thong-bao"])
        #expect(Set(list.compactMap { $0["sha256"] as? String }) == [media["sha256"] as? String ?? ""])
        #expect(try daemon.health()["media_count"] as? Int == 1)
        // Sent as is, the site runs the pipeline itself: the same audio, the same bytes.
        let raw = try daemon.json(["media", "upload", wav, "--name", "raw", "--as-is"]) as? [String: Any]
        #expect(raw?["deduplicated"] as? Bool == true)
    }

    /// Over four minutes the pipeline encodes speculatively on two cores; a signal that needs only a gain cut
    /// drops that encoder before it was given any audio. At 48 kHz libopusenc's drain of it failed an assertion
    /// and aborted the daemon: an Ogg Opus file made elsewhere (here by opusenc) and sent as is, like loud music.
    @Test("a long, loud Opus upload sent as is, needing only a gain cut, is encoded by the site, which keeps running")
    func longLoudUploadAsIs() throws {
        let daemon = try DaemonHarness()
        defer { daemon.cleanUp() }
        try daemon.start()
        let wav = daemon.directory.file("nhac-hieu.wav")
        try WAVWriter.write(Signals.sine(frequency: 440, seconds: 250, sampleRate: 48_000, amplitude: 0.5), to: wav,
                            sampleRate: 48_000)
        let opus = daemon.directory.file("nhac-hieu.opus")
        try AudioMeasure.make("opusenc", ["--quiet", "--bitrate", "16", wav, opus])
        let stored = try daemon.json(["media", "upload", opus, "--name", "nhac-hieu", "--as-is"]) as? [String: Any]
        let media = try #require(stored?["media"] as? [String: Any])
        #expect(abs((media["duration_s"] as? Double ?? 0) - 250) < 0.1, "\(media)")
        #expect(abs((media["loudness_lufs"] as? Double ?? 0) + 16) < 0.5, "\(media)")
        #expect(try Self.healthy(daemon))
        // One file, and sizes in the unit that keeps the number under 1024 (disks hold gigabytes).
        let table = try daemon.cli(["health"]).standardOutput
        let line = try #require(table.split(separator: "\n").first { $0.hasPrefix("media ") }, "\(table)")
        #expect(line.hasPrefix("media       1 file, "), "\(line)")
        let free = line.split(separator: ";")[1].split(separator: " ")
        #expect((Double(free[0]) ?? .infinity) < 1_024 && free[2] == "free", "\(line)")
        // The dropped speculative encoder's threads end too: a site takes uploads for months.
        let pid = try #require(daemon.processIdentifier)
        let encoding = { ProcessThreads.list(pid: pid).map(\.name).filter { $0.hasPrefix("cc-encode") } }
        #expect(Poll.until { encoding().isEmpty }, "still running: \(encoding())")
    }

    @Test("an upload sent as is that would need more memory to encode than limits.max_encode_memory_bytes is refused")
    func encodeMemoryLimit() throws {
        let daemon = try DaemonHarness(limits: ["max_encode_memory_bytes: 16777216"])
        defer { daemon.cleanUp() }
        try daemon.start()
        let wav = daemon.directory.file("hop-dan.wav")
        try WAVWriter.write(Signals.speechLike(seconds: 30, sampleRate: 48_000, peak: 0.3), to: wav,
                            sampleRate: 48_000)
        let opus = daemon.directory.file("hop-dan.opus")
        try AudioMeasure.make("opusenc", ["--quiet", "--bitrate", "16", wav, opus])
        let refused = try daemon.cli(["media", "upload", opus, "--name", "hop-dan", "--as-is"])
        #expect(refused.status != 0)
        #expect(refused.standardError.contains("'hop-dan' is too long to encode here: 30 s of audio needs about 23 MB"
                                               + " while it is encoded, and this machine allows 17 MB; upload it "
                                               + "without --as-is, so that the office encodes it"),
                "\(refused.standardError)")
        let mediaFiles = try FileManager.default.contentsOfDirectory(atPath: daemon.directory.file("state/media"))
        #expect(mediaFiles.isEmpty, "nothing may be left: \(mediaFiles)")
        // Encoded in the office, the same file is stored as sent: the site decodes nothing.
        let sent = try daemon.json(["media", "upload", opus, "--name", "hop-dan"]) as? [String: Any]
        #expect((sent?["media"] as? [String: Any])?["name"] as? String == "hop-dan")
        #expect(try Self.healthy(daemon))
    }

    @Test("a client that connects and says nothing is dropped after the idle timeout")
    func idleTimeout() throws {
        let daemon = try DaemonHarness(idleTimeout: 0.5)
        defer { daemon.cleanUp() }
        try daemon.start()
        let silent = try RawUnixSocket(path: daemon.socket)
        let start = Date()
        #expect(silent.isClosedByPeer())
        // Far sooner than the 60 s the other connections get (and than the socket's own 60 s receive timeout).
        #expect(Date().timeIntervalSince(start) < 30)
        #expect(try Self.healthy(daemon))
    }

    @Test("a peer without a CommuneCast role is refused with PermissionDenied, and the refusal is audited")
    func roleRefusal() throws {
        let daemon = try DaemonHarness()
        defer { daemon.cleanUp() }
        try daemon.start()
        chmod(daemon.socket, 0o666)
        let script = """
            import socket, sys
            s = socket.socket(socket.AF_UNIX); s.connect(sys.argv[1])
            s.sendall(b'{"method":"io.communecast.Site.SetVolume","parameters":{"db":-3}}\\0')
            print(s.recv(4096).decode().rstrip("\\0"))
            """
        // Debian's interpreter: a per-user one (pyenv under /root) is not readable by nobody.
        let output = try ProcessRunner.run("setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", "/usr/bin/python3",
                                                       "-c", script, daemon.socket])
        #expect(output.standardOutput.contains("org.varlink.service.PermissionDenied"), "\(output.standardError)")
        let volume = try daemon.json(["health"]) as? [String: Any]
        #expect(volume?["volume_db"] as? Double == 0)
        let audit = try String(contentsOfFile: daemon.directory.file("daemon.log"), encoding: .utf8)
        #expect(audit.contains("uid=65534"))
        #expect(audit.contains("PermissionDenied"))
    }

    @Test("the Python varlink client calls every method of io.communecast.Site")
    func pythonClient() throws {
        let daemon = try DaemonHarness()
        defer { daemon.cleanUp() }
        try daemon.start()
        let wav = daemon.directory.file("py.wav")
        try WAVWriter.write(Signals.sine(frequency: 600, seconds: 0.5, sampleRate: 16_000), to: wav, sampleRate: 16_000)
        let script = """
            import base64, sys, varlink
            address, wav = sys.argv[1], sys.argv[2]
            with varlink.Client(address="unix:" + address) as client, client.open("io.communecast.Site") as site:
                print("health", site.GetHealth()["health"]["site"])
                data = base64.b64encode(open(wav, "rb").read()).decode()
                media = site.UploadMedia(name="py", data=data)["media"]
                print("upload", media["name"], len(media["sha256"]))
                print("list", [m["name"] for m in site.ListMedia()["media"]])
                print("play", bool(site.Play(media="py", level="normal", on_preempt="restart")["play_id"]))
                alert = site.PushAlert(id="py-1", media="py", tone=False, level="priority", status="test", repeat=1,
                                       interval_s=0)["alert"]
                print("push", alert["id"], alert["status"])
                print("alerts", [a["id"] for a in site.ListAlerts()["alerts"]])
                print("cancel", site.CancelAlert(id="py-1")["alert"]["state"])
                print("log", type(site.GetAsRunLog(limit=10)["entries"]).__name__)
                print("volume", site.SetVolume(db=-6.0)["volume_db"])
                print("stop", "stopped" in site.Stop() or True)
                try:
                    site.DeleteMedia(name="py")
                    print("delete", "ok")
                except varlink.VarlinkError as error:
                    print("delete", error.error())
            with varlink.Client(address="unix:" + address) as client, client.open("io.communecast.Site") as site:
                for reply in site.Monitor(_more=True):
                    print("monitor", reply["event"]["kind"])
                    break
            """
        // Monitor streams only what happens after it subscribes: keep something happening until the script ends.
        // A schedules reload always publishes an event (a play would not once the script has deleted its media).
        let scriptDone = DispatchSemaphore(value: 0)
        let monitorTrigger = Thread {
            while scriptDone.wait(timeout: .now() + 2) == .timedOut {
                _ = try? daemon.cli(["schedule", "reload"])
            }
        }
        monitorTrigger.start()
        let output = try ProcessRunner.run("python3", ["-c", script, daemon.socket, wav])
        scriptDone.signal()
        #expect(output.status == 0, "python: \(output.standardError)")
        for expected in ["health test-site", "upload py 64", "list ['py']", "play True", "push py-1 test",
                         "alerts ['py-1']", "cancel cancelled", "log list", "volume -6.0", "stop True", "monitor "] {
            #expect(output.standardOutput.contains(expected), "missing '\(expected)' in \(output.standardOutput)")
        }
        #expect(output.standardOutput.contains("delete ok") || output.standardOutput.contains("InUse"))
    }
}
