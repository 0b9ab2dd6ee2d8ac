import Foundation
import StreamInput

/// The engine's state at one instant, for health.
public struct PlayoutSnapshot: Sendable, Equatable {
    /// What is on air now.
    public struct NowPlaying: Sendable, Equatable {
        /// The item.
        public var item: PlayoutItem
        /// Seconds into the media (0 while the attention tone plays).
        public var positionSeconds: Double
        /// Media length in seconds, when known.
        public var durationSeconds: Double?
        /// When it started airing.
        public var startedAt: Date
        /// True while the attention signal precedes the media.
        public var inAttentionTone: Bool
        /// For a stream: its reader's state (connecting, playing with its buffer level, stalled, on fallback).
        public var stream: StreamStatus?
    }

    /// The item on air, if any.
    public var nowPlaying: NowPlaying?
    /// Items waiting, in the order they will play.
    public var queue: [PlayoutItem]
    /// The device.
    public var device: DeviceStatus
    /// Normal volume, dB.
    public var volumeDB: Double
    /// Volume used for emergency items, dB.
    public var emergencyVolumeDB: Double
    /// Whether the amplifier is switched on.
    public var amplifierOn: Bool
    /// Why the amplifier cannot be switched, while it cannot.
    public var amplifierFault: String?
}
