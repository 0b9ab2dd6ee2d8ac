import CommuneCastTesting
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Issue 12's attacks on the daemon's state, through the real daemon: a second daemon on the same state directory,
/// and a start with a permissive umask.
@Suite("communecastd under attack: the state directory", .serialized)
struct DaemonStateAttackTests {
    @Test("a second daemon on the same state directory refuses, naming it and the first's pid",
          arguments: [false, true])
    func secondDaemon(socketActivation: Bool) throws {
        let daemon = try DaemonHarness()
        defer { daemon.cleanUp() }
        try daemon.start()
        let pid = try #require(daemon.processIdentifier)
        let other = daemon.directory.file("other.sock")
        let second = try daemon.runSecondDaemon(socket: other, socketActivation: socketActivation)
        #expect(second.status == 1, "\(second.output)")
        #expect(second.output.contains("another communecastd (pid \(pid)) is already running"), "\(second.output)")
        #expect(second.output.contains(daemon.directory.file("state")), "\(second.output)")
        if !socketActivation {
            #expect(!FileManager.default.fileExists(atPath: other), "the second daemon made its socket")
        }
        #expect(try daemon.cli(["health"]).status == 0, "the first daemon serves on")
        let lockHolder = try String(contentsOfFile: daemon.directory.file("state/communecastd.lock"), encoding: .utf8)
        #expect(lockHolder == "\(pid)\n")
    }

    @Test("a start with umask 022 leaves the state 0700/0600, and tightens what an earlier start left open")
    func permissions() throws {
        let daemon = try DaemonHarness()
        defer { daemon.cleanUp() }
        let state = daemon.directory.file("state")
        // What an earlier daemon, started by hand, left: a state directory and a file anyone can read.
        try FileManager.default.createDirectory(atPath: "\(state)/media", withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o755])
        chmod(state, 0o755)
        // An empty file is an empty SQLite database.
        #expect(FileManager.default.createFile(atPath: "\(state)/state.sqlite", contents: nil,
                                               attributes: [.posixPermissions: 0o644]))
        try daemon.start(umask: "022")
        let wav = daemon.directory.file("tone.wav")
        try WAVWriter.write(Signals.sine(frequency: 600, seconds: 0.3, sampleRate: 16_000), to: wav, sampleRate: 16_000)
        let upload = try daemon.cli(["media", "upload", wav, "--name", "tone", "--json"])
        #expect(upload.status == 0, "\(upload.standardError)")
        #expect(daemon.log.contains("took group and other permissions away from the state directory"), "\(daemon.log)")

        func mode(_ path: String) -> Int? {
            (try? FileManager.default.attributesOfItem(atPath: path))?[.posixPermissions] as? Int
        }
        #expect(mode(state) == 0o700)
        #expect(mode("\(state)/media") == 0o700)
        for file in ["state.sqlite", "state.sqlite-wal", "state.sqlite-shm", "communecastd.lock"] {
            #expect(mode("\(state)/\(file)") == 0o600, "\(file): \(String(describing: mode("\(state)/\(file)")))")
        }
        let media = try FileManager.default.contentsOfDirectory(atPath: "\(state)/media").filter {
            $0.hasSuffix(".opus")
        }
        #expect(media.count == 1)
        for file in media {
            #expect(mode("\(state)/media/\(file)") == 0o600, "\(file)")
        }
    }
}
