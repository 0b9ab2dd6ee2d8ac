import ControlProtocol
import Foundation
import Playout
import Scheduling
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
        let stream = try configuration.streams.configuration(urls, store: store, media: media)
        let id = String(UUID().uuidString.lowercased().prefix(12))
        engine.enqueue(PlayoutItem(
            source: .play(id: id), level: parameters.level?.level ?? .normal, mediaPath: nil,
            mediaName: ProgrammeStream(urls: urls, duration: duration).name,
            onPreempt: parameters.onPreempt ?? .resume, plannedAt: clock.now(),
            stream: stream, durationSeconds: duration
        ))
        return id
    }
}
