import CommuneCastTesting
import Dispatch
import Foundation
import LiveBroadcast
import Logging
import StreamInput
import Synchronization

/// A real Icecast on loopback with our live source sending to `/live.opus` from this process (a 440 Hz programme
/// file, or any live input), and helpers to watch a `StreamReader`'s events.
final class LiveRig: @unchecked Sendable {
    let directory: TemporaryDirectory
    let server: IcecastServer
    let broadcaster: LiveBroadcaster
    private let done = DispatchSemaphore(value: 0)

    /// Starts the server and the source (`input`, else `seconds` of 440 Hz from a file), and waits until the mount
    /// has its source.
    init(seconds: Double = 120, input: LiveInput? = nil) throws {
        directory = try TemporaryDirectory(prefix: "stream")
        server = try IcecastServer(directory: directory)
        let settings = LiveSettings(mount: try MountURL(server.url("/live.opus")), password: server.sourcePassword)
        broadcaster = LiveBroadcaster(settings: settings, logger: Logger(label: "test.live")) { _ in }
        let source: LiveInput
        if let input {
            source = input
        } else {
            let programme = directory.file("programme.wav")
            let tone = Signals.sine(frequency: 440, seconds: seconds, sampleRate: 48_000, amplitude: 0.3)
            try WAVWriter.write(tone, to: programme, sampleRate: 48_000)
            source = try FileInput(path: programme)
        }
        let handoff = InputHandoff(source)
        let thread = Thread { [broadcaster, done] in
            _ = try? broadcaster.run(input: handoff.input)
            done.signal()
        }
        thread.start()
        guard Poll.until(timeout: 60, { self.server.hasSource("/live.opus") }) else {
            throw IcecastFailure(message: "the live source never reached the mount: \(server.log(tail: 10))")
        }
    }

    /// Stops the source and the server.
    func stop() {
        broadcaster.stop()
        _ = done.wait(timeout: .now() + 30)
        server.stop()
        directory.remove()
    }
}

/// A `LiveRig` with a `FaultProxy` in front of its Icecast: where every relay fault test starts. The site relays
/// `url`, and the test sets the proxy's fault.
struct ProxiedLiveRig {
    let rig: LiveRig
    let proxy: FaultProxy

    /// The live mount, through the proxy.
    var url: String { "http://127.0.0.1:\(proxy.port)/live.opus" }

    /// Starts the rig with `seconds` of programme, then the proxy.
    init(seconds: Double) throws {
        rig = try LiveRig(seconds: seconds)
        do {
            proxy = try FaultProxy(upstreamPort: rig.server.port)
        } catch {
            rig.stop()
            throw error
        }
    }

    /// Stops the proxy, then the rig.
    func stop() {
        proxy.stop()
        rig.stop()
    }
}

/// Every event a reader reported, with the monotonic time it arrived.
final class EventLog: Sendable {
    private let events = Mutex<[(at: Double, event: StreamEvent)]>([])

    /// The sink to hand a reader.
    var sink: @Sendable (StreamEvent) -> Void {
        { [self] event in events.withLock { $0.append((EventLog.now(), event)) } }
    }

    /// Seconds on the monotonic clock.
    static func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }

    /// The events so far.
    var all: [(at: Double, event: StreamEvent)] { events.withLock { $0 } }

    /// The first switch to `to` at or after `after`, waiting for it up to `timeout` seconds.
    func waitForSwitch(to matches: (StreamSource) -> Bool, after: Double = 0, timeout: Double = 60)
        -> (at: Double, cause: StreamEvent.SwitchCause)? {
        var found: (Double, StreamEvent.SwitchCause)?
        _ = Poll.until(timeout: timeout, every: 0.01) {
            for (at, event) in all where at >= after {
                if case let .switched(_, to, cause) = event.kind, matches(to) {
                    found = (at, cause)
                    return true
                }
            }
            return false
        }
        return found
    }

    /// The failures reported, as their codes.
    var failureCodes: [String] {
        failures.map(\.code)
    }

    /// The failures reported.
    var failures: [StreamFailure] {
        all.compactMap { entry in
            if case let .failed(_, failure) = entry.event.kind { return failure }
            return nil
        }
    }
}

/// Hands a live input to the one thread that reads it from then on; the test never touches it again.
private final class InputHandoff: @unchecked Sendable {
    let input: any LiveInput

    init(_ input: any LiveInput) {
        self.input = input
    }
}
