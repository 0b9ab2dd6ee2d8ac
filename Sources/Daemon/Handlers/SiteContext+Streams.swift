import ControlProtocol
import Foundation
import Playout
import StreamInput

extension SiteContext {
    /// The longest a played stream may run: a day, so a typo in the duration cannot hold the air for ever.
    static let longestStreamSeconds = 86_400.0

    /// Queues a stream to relay for `duration_s` seconds; returns the play id used in the as-run log. The URLs are
    /// checked here, so an operator hears of a malformed one at once; one that fails later (404, not a stream,
    /// silent) is an as-run note and the fallback, never a hung engine.
    func playStream(_ urls: [String], _ parameters: Site.Play.Parameters) throws -> String {
        guard parameters.media == nil else {
            throw SiteFailure.invalidParameter("stream", "give media or stream, not both")
        }
        guard let duration = parameters.durationS, duration.isFinite, duration > 0,
              duration <= Self.longestStreamSeconds else {
            throw SiteFailure.invalidParameter("duration_s", "a stream needs a duration of 1 s to 24 h")
        }
        let stream = try streamConfiguration(urls)
        let id = String(UUID().uuidString.lowercased().prefix(12))
        engine.enqueue(PlayoutItem(
            source: .play(id: id), level: parameters.level?.level ?? .normal, mediaPath: nil,
            mediaName: Self.streamName(urls), onPreempt: parameters.onPreempt ?? .resume, plannedAt: Date(),
            stream: stream, durationSeconds: duration
        ))
        return id
    }

    /// The stream of `urls` with the site's settings (fallback, jitter target, authorities), checked so a
    /// malformed URL is refused with its reason. Stored fallback media that is missing is an error too: an operator
    /// must know the relay would fall back to silence.
    func streamConfiguration(_ urls: [String]) throws -> StreamConfiguration {
        let settings = configuration.streams
        var fallback = StreamFallback.silence
        if let name = settings.fallbackMedia {
            guard let record = try? store.resolveMedia(name) else {
                throw SiteFailure.invalidMedia("the stream fallback '\(name)' (streams.fallback) is not stored")
            }
            fallback = .media(path: media.path(for: record.sha256))
        }
        let stream = StreamConfiguration(urls: urls, fallback: fallback, jitter: settings.jitter,
                                         trustedCAFile: settings.trustCA)
        do {
            try stream.check()
        } catch {
            throw SiteFailure.invalidParameter("stream", "\(error)")
        }
        return stream
    }

    /// How a stream item is named in the as-run log, health and `Monitor`: its primary URL, and how many
    /// alternatives it has.
    static func streamName(_ urls: [String]) -> String {
        let first = urls.first ?? ""
        return urls.count > 1 ? "stream \(first) (+\(urls.count - 1))" : "stream \(first)"
    }
}
