import AlertTrust
import BroadcastModel
import ControlProtocol
import Store
import StreamInput

extension AlertManager {
    /// The stream an unsigned push names (issue 18), checked: URLs the site can read, a duration of 1 s to a day,
    /// neither media nor text beside it, and the attention tone left on. An actual emergency stream is a live
    /// emergency broadcast that preempts everything: it needs the signed two-person approval of a signed alert
    /// (PushSignedAlert), so an unsigned push of one is refused; exercises and tests may be pushed unsigned.
    func streamOf(_ parameters: Site.PushAlert.Parameters, level: Site.AlertLevel, status: BroadcastStatus) throws
        -> (urls: [String], seconds: Int)? {
        guard let urls = parameters.stream else {
            guard parameters.durationS == nil else {
                throw SiteFailure.invalidParameter("duration_s",
                                                   "goes with stream; an alert's media has its own length")
            }
            return nil
        }
        guard parameters.media == nil, parameters.text == nil else {
            throw SiteFailure.invalidParameter("stream", "give media, text or stream, not two of them")
        }
        guard let seconds = parameters.durationS, (1...AlertContent.longestStreamSeconds).contains(seconds) else {
            throw SiteFailure.invalidParameter("duration_s", "a stream alert needs a duration of 1 s to 24 h")
        }
        guard parameters.tone != false else {
            throw SiteFailure.invalidParameter("tone", "a stream alert opens with the attention tone")
        }
        _ = try streams.configuration(urls, store: store, media: media)
        if level == .emergency, status == .actual {
            throw SiteFailure.alertRefused(
                code: "unsigned_live_emergency", reason: "an actual emergency stream is a live emergency broadcast "
                    + "and needs the signed two-person approval: send it as a signed alert (communecast alert "
                    + "draft --stream, sign, send), or push it as an exercise or a test"
            )
        }
        return (urls, seconds)
    }

    /// The stream an alert relays, with the site's `streams:` settings; nil for media or the tone.
    func streamConfiguration(of alert: AlertRecord) -> StreamConfiguration? {
        guard let urls = alert.streamURLs else { return nil }
        do {
            return try streams.configuration(urls, store: store, media: media)
        } catch {
            // The URLs were checked at the push; a fallback removed since then leaves silence in its place.
            logger.warning("stream alert: \(error); its fallback is silence", metadata: ["alert.id": "\(alert.id)"])
            return StreamConfiguration(urls: urls, jitter: streams.jitter, returnAfter: streams.returnAfterSeconds,
                                       trustedCAFile: streams.trustCA)
        }
    }
}
