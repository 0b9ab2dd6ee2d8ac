import Foundation
import Store
import StreamInput
import YAMLSupport

/// How the site relays streams (issue 18): the `streams:` map of `communecastd.yaml`.
///
/// ```yaml
/// streams:
///   fallback: silence            # or the name of stored media, looped while no URL of a relay plays
///   jitter_target_s: 0.3         # the stream's share of the delay: 0.3 on a LAN, 0.6–0.8 on 4G (docs/live.md)
///   trust_ca: trust/province-ca.pem   # extra authorities for https:// mounts, besides the system's
///   return_after_s: 15           # how long a URL must deliver at real-time pace before it replaces the fallback
/// ```
public struct StreamSettings: Sendable, Equatable {
    /// Stored media to play while no URL of a relay plays; nil for silence.
    public var fallbackMedia: String?
    /// The jitter buffer's target, seconds.
    public var jitterTargetSeconds = 0.3
    /// A PEM file of extra certificate authorities for `https:` mounts.
    public var trustCA: String?
    /// How long a URL must have been healthy before playback returns to it from the fallback, seconds.
    public var returnAfterSeconds = 15.0

    /// The defaults: silence, 0.3 s, the system's authorities.
    public init() {}

    /// The jitter buffer around `jitterTargetSeconds`, keeping the default's proportions (low at half the target,
    /// high 0.2 s above it, room for at least 1 s).
    var jitter: JitterSettings {
        let target = jitterTargetSeconds
        return JitterSettings(target: target, low: target / 2, high: target + 0.2, capacity: max(1, target + 0.7))
    }

    /// Reads the map; problems are reported against it.
    static func parse(_ map: YAMLMap, directory: String) -> StreamSettings {
        var settings = StreamSettings()
        if let fallback = map.string("fallback"), fallback != "silence" { settings.fallbackMedia = fallback }
        settings.jitterTargetSeconds = map.double("jitter_target_s", default: 0.3, in: 0.1...2, unit: "seconds")
        settings.returnAfterSeconds = map.double("return_after_s", default: 15, in: 1...600, unit: "seconds")
        settings.trustCA = map.string("trust_ca").map { $0.hasPrefix("/") ? $0 : "\(directory)/\($0)" }
        map.finish()
        return settings
    }

    /// The stream of `urls` with these settings (fallback, jitter target, authorities), checked so a malformed URL
    /// is refused with its reason. Stored fallback media that is missing is an error too: an operator must know the
    /// relay would fall back to silence.
    func configuration(_ urls: [String], store: Store, media: MediaLibrary) throws -> StreamConfiguration {
        var fallback = StreamFallback.silence
        if let name = fallbackMedia {
            guard let record = try? store.resolveMedia(name) else {
                throw SiteFailure.invalidMedia("the stream fallback '\(name)' (streams.fallback) is not stored")
            }
            fallback = .media(path: media.path(for: record.sha256))
        }
        let stream = StreamConfiguration(
            urls: urls, fallback: fallback, jitter: jitter, returnAfter: returnAfterSeconds, trustedCAFile: trustCA
        )
        do {
            try stream.check()
        } catch {
            throw SiteFailure.invalidParameter("stream", "\(error)")
        }
        return stream
    }
}
