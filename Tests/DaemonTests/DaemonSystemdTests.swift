import CommuneCastTesting
import Foundation
import Synchronization
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The daemon under systemd's protocols, played by the test: socket activation through an inherited descriptor,
/// sd_notify on a datagram socket the test binds, and the watchdog.
@Suite("communecastd under systemd: socket activation, sd_notify and the watchdog", .serialized)
struct DaemonSystemdTests {
    @Test("serves the inherited socket, says READY=1 and STATUS=, pings the watchdog, reloads and stops politely")
    func notifyLifecycle() throws {
        let daemon = try DaemonHarness()
        defer { daemon.cleanUp() }
        let notify = try NotifyListener(path: daemon.directory.file("notify.sock"))
        defer { notify.close() }
        try daemon.startUnderSystemd(notify: notify, watchdogSeconds: 1)

        let ready = try #require(notify.messages.first { $0.value("READY") == "1" })
        #expect(ready.value("STATUS") == "serving; 0 schedules; device closed; idle")
        #expect(daemon.log.contains("socket_from=systemd"), "\(daemon.log)")
        let health = try daemon.cli(["health", "--json"])
        #expect(health.status == 0, "\(health.standardError)")

        // WATCHDOG_USEC=1 s: a ping every half second while the audio thread idles. Five pings in a row, about half
        // a second apart on average (between 0.36 s and 0.75 s, as "three to six pings in 2.2 s" allowed).
        let readyIndex = notify.messages.count
        func pings() -> [NotifyListener.Message] {
            notify.messages.dropFirst(readyIndex).filter { $0.value("WATCHDOG") == "1" }
        }
        #expect(daemon.wait { pings().count >= 5 }, "\(notify.messages.map(\.text))")
        let times = pings().prefix(5).map(\.at)
        let gaps = zip(times.dropFirst(), times).map { $0.timeIntervalSince($1) }
        let average = gaps.reduce(0, +) / Double(max(gaps.count, 1))
        #expect(average >= 0.36 && average <= 0.75, "gaps between pings: \(gaps)")

        // The status line follows the engine.
        let tone = try MediaFixtures.sine(frequency: 440, seconds: 2, at: daemon.directory.file("n.opus"))
        #expect(try daemon.cli(["media", "upload", tone, "--name", "bulletin"]).status == 0)
        #expect(try daemon.cli(["play", "bulletin"]).status == 0)
        let playing = notify.wait(after: readyIndex) { $0.value("STATUS")?.contains("playing play:") == true }
        #expect(playing?.value("STATUS")?.contains("'bulletin' (normal)") == true, "\(notify.messages.map(\.text))")
        #expect(notify.wait(after: readyIndex) { $0.value("STATUS")?.hasPrefix("serving; 0 schedules; device ok; idle")
            == true } != nil)

        // SIGHUP: RELOADING=1, then READY=1 again.
        let beforeHangUp = notify.messages.count
        daemon.send(SIGHUP)
        let reloading = notify.wait(after: beforeHangUp) { $0.value("RELOADING") == "1" }
        #expect(reloading?.value("MONOTONIC_USEC") != nil)
        let readyAgain = notify.wait(after: beforeHangUp) { $0.value("READY") == "1" }
        if let reloading, let readyAgain { #expect(readyAgain.at >= reloading.at) } else { Issue.record("no reload") }

        // SIGTERM: STOPPING=1, a clean exit, and the socket file left to systemd, which owns it.
        let beforeStop = notify.messages.count
        #expect(daemon.stop() == 0, "\(daemon.log)")
        #expect(notify.wait(after: beforeStop) { $0.value("STOPPING") == "1" } != nil)
        #expect(FileManager.default.fileExists(atPath: daemon.socket))
    }

    @Test("connections made before the daemon is ready wait in the inherited socket's backlog")
    func connectionsWaitForTheDaemon() throws {
        let daemon = try DaemonHarness()
        defer { daemon.cleanUp() }
        let notify = try NotifyListener(path: daemon.directory.file("notify.sock"))
        defer { notify.close() }
        // The first run makes the database, so the second starts as a restarted site would.
        try daemon.startUnderSystemd(notify: notify)
        #expect(daemon.stop() == 0, "\(daemon.log)")
        // systemd has the socket before the daemon runs: a client that connects first waits in the backlog and is
        // served once the daemon is up, rather than being refused. The daemon is started only once it has.
        try? FileManager.default.removeItem(atPath: daemon.socket)
        let before = notify.messages.count
        try daemon.launchUnderSystemd(notify: notify, waitForClient: true)
        #expect(daemon.wait { FileManager.default.fileExists(atPath: daemon.socket) })
        let connected = Date()
        let health = try daemon.cli(["health", "--json"])
        try daemon.waitForReady(notify, after: before)
        #expect(health.status == 0, "\(health.standardError)")
        #expect(health.standardOutput.contains("\"site\":\"test-site\""))
        let ready = try #require(notify.messages.dropFirst(before).first { $0.value("READY") == "1" })
        #expect(ready.at > connected, "the daemon was ready before the client connected; nothing was tested")
    }

    @Test("a descriptor 3 that is not a listening stream socket stops the daemon with a message")
    func wrongInheritedSocket() throws {
        let daemon = try DaemonHarness()
        defer { daemon.cleanUp() }
        let notify = try NotifyListener(path: daemon.directory.file("notify.sock"))
        defer { notify.close() }
        #expect(throws: HarnessError.self) { try daemon.startUnderSystemd(notify: notify, inherited: .datagram) }
        #expect(daemon.waitForExit() == 1)
        #expect(daemon.log.contains("descriptor 3 is a Unix type 2 socket that is not listening"), "\(daemon.log)")
    }

    @Test("a stuck audio thread stops the watchdog pings while the control socket still answers")
    func stuckAudioThreadStopsPings() throws {
        // A FIFO as the sound card: once its 64 KiB fill up and nobody reads, the audio thread blocks in its write
        // exactly as it would in a hung driver.
        let directory = try TemporaryDirectory(prefix: "communecast-fifo")
        defer { directory.remove() }
        let fifo = directory.file("card.fifo")
        #expect(mkfifo(fifo, 0o600) == 0)
        let reader = open(fifo, O_RDWR | O_NONBLOCK)
        #expect(reader >= 0)
        defer { close(reader) }
        let daemon = try DaemonHarness(device: "file:FILE=\(fifo),FORMAT=raw")
        defer { daemon.cleanUp() }
        let notify = try NotifyListener(path: daemon.directory.file("notify.sock"))
        defer { notify.close() }
        try daemon.startUnderSystemd(notify: notify, watchdogSeconds: 1)
        let tone = try MediaFixtures.sine(frequency: 440, seconds: 10, at: daemon.directory.file("long.opus"))
        #expect(try daemon.cli(["media", "upload", tone, "--name", "long"]).status == 0)
        #expect(try daemon.cli(["play", "long"]).status == 0)

        // Pings stop once the heartbeat is older than the 5 s staleness limit; health keeps answering meanwhile.
        let stuck = daemon.wait {
            guard let last = notify.messages.last(where: { $0.value("WATCHDOG") == "1" }) else { return false }
            return Date().timeIntervalSince(last.at) > 2
        }
        #expect(stuck, "the pings did not stop")
        #expect(daemon.wait { daemon.log.contains("withholding the watchdog ping") }, "\(daemon.log)")
        let health = try daemon.json(["health"]) as? [String: Any]
        #expect((health?["now_playing"] as? [String: Any])?["source"] as? String != nil)

        // Unblock the "driver": the audio thread goes on and the pings resume. The reader drains the FIFO as a card
        // plays, until the test is over.
        let count = notify.messages.count
        let drainFD = dup(reader)
        let draining = Atomic<Bool>(true)
        let drained = DispatchSemaphore(value: 0)
        Thread {
            var descriptor = pollfd(fd: drainFD, events: Int16(POLLIN), revents: 0)
            var buffer = [UInt8](repeating: 0, count: 65_536)
            while draining.load(ordering: .relaxed) {
                if poll(&descriptor, 1, 100) > 0 { _ = read(drainFD, &buffer, buffer.count) }
            }
            close(drainFD)
            drained.signal()
        }.start()
        defer {
            draining.store(false, ordering: .relaxed)
            drained.wait()
        }
        #expect(notify.wait(after: count) { $0.value("WATCHDOG") == "1" } != nil)
        // The log line and the ping come from different threads; wait for the line to reach the file.
        #expect(daemon.wait { daemon.log.contains("audio thread is running again") }, "\(daemon.log)")
    }
}
