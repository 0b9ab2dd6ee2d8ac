import ControlProtocol
import ControlServer
import Foundation
import Synchronization

/// A handler that answers a few Site methods in ways the tests can observe: echoes, streams, sleeps, errors.
///
/// - `Play(media:)` answers `play_id: "play:<media>"`, after 300 ms when the media is `slow`.
/// - `Monitor` streams `streamCount` events with `continues`, then a final one.
/// - `UploadMedia` answers with the length of `data` as `size_bytes`.
/// - `DeleteMedia(name: "missing")` fails with `NotFound`; any other name succeeds.
/// - `Stop` records that it ran (for oneway tests) and answers `stopped: null`.
/// - `ListAlerts` waits until cancelled and records the cancellation (a stream whose client went away).
/// - `GetHealth` is answered from memory with `health` (site `from-memory`), recording whether that happened outside
///   any task (on an event loop, or on the Unix socket's connection thread); through `handle` it gets no reply.
/// - Everything else returns without a reply, so the server answers `MethodNotImplemented`.
final class FakeHandler: ControlHandler {
    /// How many `continues` replies `Monitor` sends before its final one.
    static let streamCount = 5

    private struct Record {
        var peers: [PeerIdentity] = []
        var methods: [String] = []
        var cancelledWaits = 0
        var memoryAnswers: [Bool] = []
        var refusals: [String] = []
    }

    /// What `GetHealth` answers from memory.
    static let health = Site.Health(
        version: "9.9.9", uptimeS: 1, site: "from-memory", commune: "",
        device: .init(state: .closed, name: "null", underruns: 0), queue: [], volumeDb: 0, emergencyVolumeDb: 0,
        amplifier: .init(on: false), mediaCount: 0, mediaBytes: 0, diskFreeBytes: 0, databaseOk: true,
        clockSynchronized: true
    )

    private let record = Mutex(Record())

    /// The peers of every call handled, in order.
    var peers: [PeerIdentity] { record.withLock { $0.peers } }
    /// The methods of every call handled, in order.
    var methods: [String] { record.withLock { $0.methods } }
    /// How many `ListAlerts` waits ended by cancellation.
    var cancelledWaits: Int { record.withLock { $0.cancelledWaits } }
    /// For every call answered from memory, in order, whether it was answered inline, outside any task: on an event
    /// loop (TLS) or on the connection's own thread (the Unix socket), with no hop to the concurrency pool.
    var memoryAnswers: [Bool] { record.withLock { $0.memoryAnswers } }
    /// The methods of every call the server refused for lack of role, in order.
    var refusals: [String] { record.withLock { $0.refusals } }

    func answerFromMemory(_ call: VarlinkCall, from peer: PeerIdentity) -> PreparedReply? {
        guard call.method == Site.GetHealth.name else { return nil }
        let inline = withUnsafeCurrentTask { $0 == nil }
        record.withLock { $0.memoryAnswers.append(inline) }
        return try? PreparedReply(Site.GetHealth.self, .init(health: Self.health))
    }

    func refused(_ call: VarlinkCall, from peer: PeerIdentity) async {
        record.withLock { $0.refusals.append(call.method) }
    }

    func handle(_ call: VarlinkCall, from peer: PeerIdentity, replies: ReplyWriter) async {
        record.withLock {
            $0.peers.append(peer)
            $0.methods.append(call.method)
        }
        do {
            try await answer(call, replies: replies)
        } catch {
            await replies.fail(.invalidParameter("\(error)"))
        }
    }

    private func answer(_ call: VarlinkCall, replies: ReplyWriter) async throws {
        switch call.method {
        case Site.Play.name:
            let parameters = try call.decodeParameters(for: Site.Play.self)
            if parameters.media == "slow" { try await Task.sleep(for: .milliseconds(300)) }
            try await replies.send(Site.Play.self, .init(playId: "play:" + (parameters.media ?? "stream")))
        case Site.Monitor.name:
            for index in 0...Self.streamCount {
                let event = Site.Event(kind: .playStart, at: "2025-01-01T05:30:0\(index)+07:00", media: "m\(index)")
                try await replies.send(Site.Monitor.self, .init(event: event), continues: index < Self.streamCount)
            }
        case Site.UploadMedia.name:
            let parameters = try call.decodeParameters(for: Site.UploadMedia.self)
            let media = Site.MediaInfo(
                sha256: "00", name: parameters.name, durationS: 1, sizeBytes: parameters.data.utf8.count,
                loudnessLufs: -16, added: "2025-01-01T00:00:00+07:00"
            )
            try await replies.send(Site.UploadMedia.self, .init(media: media, deduplicated: false))
        case Site.DeleteMedia.name:
            let parameters = try call.decodeParameters(for: Site.DeleteMedia.self)
            if parameters.name == "missing" {
                await replies.fail(.notFound(what: "media", name: parameters.name))
            } else {
                try await replies.send(Site.DeleteMedia.self, .init())
            }
        case Site.Stop.name:
            try await replies.send(Site.Stop.self, .init(stopped: nil))
        case Site.ListAlerts.name:
            do {
                try await Task.sleep(for: .seconds(3600))
            } catch {
                record.withLock { $0.cancelledWaits += 1 }
            }
        default:
            return
        }
    }
}
