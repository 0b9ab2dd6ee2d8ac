import Foundation
import Logging
import Testing
@testable import Daemon
#if canImport(Glibc)
import Glibc
#endif

/// A datagram socket bound at a path or (with a leading NUL) an abstract name, standing in for systemd.
private final class DatagramReceiver {
    let fd: Int32

    init(address: [UInt8]) throws {
        fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
        var socketAddress = sockaddr_un()
        socketAddress.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &socketAddress.sun_path) { buffer in
            for (index, byte) in address.enumerated() { buffer[index] = byte }
        }
        let length = MemoryLayout<sa_family_t>.size + address.count + (address.first == 0 ? 0 : 1)
        let status = withUnsafePointer(to: &socketAddress) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(length)) }
        }
        guard status == 0 else { throw POSIXError(.EADDRINUSE) }
        var timeout = timeval(tv_sec: 30, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit { close(fd) }

    func receive() -> String? {
        var buffer = [UInt8](repeating: 0, count: 1_024)
        let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        return count > 0 ? String(decoding: buffer.prefix(count), as: UTF8.self) : nil
    }
}

@Suite("sd_notify, the watchdog policy and socket activation, without systemd")
struct SystemdProtocolTests {
    @Test("a message reaches a notify socket given as a path")
    func notifyPath() throws {
        let path = FileManager.default.temporaryDirectory.path + "/notify-\(UUID().uuidString.prefix(8))"
        defer { unlink(path) }
        let receiver = try DatagramReceiver(address: Array(path.utf8))
        let notifier = ServiceNotifier(environment: ["NOTIFY_SOCKET": path])
        #expect(notifier.isEnabled)
        #expect(notifier.send("READY=1\nSTATUS=serving"))
        #expect(receiver.receive() == "READY=1\nSTATUS=serving")
    }

    @Test("a notify socket starting with @ is in the abstract namespace")
    func notifyAbstract() throws {
        let name = "communecast-test-\(UUID().uuidString.prefix(8))"
        let receiver = try DatagramReceiver(address: [0] + Array(name.utf8))
        let notifier = ServiceNotifier(environment: ["NOTIFY_SOCKET": "@\(name)"])
        #expect(notifier.send("WATCHDOG=1"))
        #expect(receiver.receive() == "WATCHDOG=1")
    }

    @Test("without a usable NOTIFY_SOCKET nothing is sent", arguments: [
        [:], ["NOTIFY_SOCKET": ""], ["NOTIFY_SOCKET": "relative/notify"], ["NOTIFY_SOCKET": "@"],
        ["NOTIFY_SOCKET": "/" + String(repeating: "x", count: 120)],
    ])
    func notifyDisabled(environment: [String: String]) {
        let notifier = ServiceNotifier(environment: environment)
        #expect(!notifier.isEnabled)
        #expect(!notifier.send("READY=1"))
    }

    @Test("the watchdog pings at half of WATCHDOG_USEC, only for this process, and only with a fresh heartbeat")
    func watchdogPolicy() throws {
        let policy = try #require(WatchdogPolicy.fromEnvironment(["WATCHDOG_USEC": "30000000"], processID: 42))
        #expect(policy.interval == 15)
        #expect(policy.staleAfter == WatchdogPolicy.baseStaleness)
        let withWarmup = WatchdogPolicy.fromEnvironment(["WATCHDOG_USEC": "30000000", "WATCHDOG_PID": "42"],
                                                        processID: 42, amplifierWarmup: 0.8)
        #expect(withWarmup?.staleAfter == WatchdogPolicy.baseStaleness + 0.8)
        #expect(WatchdogPolicy.fromEnvironment(["WATCHDOG_USEC": "30000000", "WATCHDOG_PID": "7"], processID: 42)
                == nil)
        #expect(WatchdogPolicy.fromEnvironment(["WATCHDOG_USEC": "0"], processID: 42) == nil)
        #expect(WatchdogPolicy.fromEnvironment([:], processID: 42) == nil)
        let now = ContinuousClock.now
        #expect(policy.isAlive(heartbeat: now - .seconds(1), now: now))
        #expect(!policy.isAlive(heartbeat: now - .seconds(6), now: now))
    }

    @Test("READY=1 comes once the socket serves, also when a SIGHUP reload happens during start-up")
    func readinessOrder() throws {
        let path = FileManager.default.temporaryDirectory.path + "/notify-\(UUID().uuidString.prefix(8))"
        defer { unlink(path) }
        let receiver = try DatagramReceiver(address: Array(path.utf8))
        let supervisor = SystemdSupervisor(
            notifier: ServiceNotifier(environment: ["NOTIFY_SOCKET": path]), watchdog: nil,
            logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }),
            heartbeat: { .now }, status: { "serving; 0 schedules; device closed; idle" }
        )
        supervisor.reloading()
        supervisor.reloaded()
        #expect(receiver.receive()?.hasPrefix("RELOADING=1\nMONOTONIC_USEC=") == true)
        supervisor.ready()
        #expect(receiver.receive() == "READY=1\nSTATUS=serving; 0 schedules; device closed; idle")
        supervisor.reloading()
        #expect(receiver.receive()?.hasPrefix("RELOADING=1") == true)
        supervisor.reloaded()
        #expect(receiver.receive()?.hasPrefix("READY=1\n") == true)
        supervisor.stopping()
        #expect(receiver.receive()?.hasPrefix("STOPPING=1\n") == true)
    }

    @Test("LISTEN_FDS counts only when LISTEN_PID names this process", arguments: [
        [:], ["LISTEN_FDS": "1"], ["LISTEN_FDS": "1", "LISTEN_PID": "1"], ["LISTEN_FDS": "0", "LISTEN_PID": "42"],
        ["LISTEN_FDS": "x", "LISTEN_PID": "42"],
    ])
    func socketActivationIgnored(environment: [String: String]) throws {
        #expect(try SocketActivation.inherited(environment: environment, processID: 42) == nil)
    }
}
