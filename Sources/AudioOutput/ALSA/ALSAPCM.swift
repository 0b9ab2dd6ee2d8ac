import CALSA
#if canImport(Glibc)
import Glibc
#endif

/// Owns one open ALSA PCM, for playback or capture (one Swift owner per C handle). Writes and reads block, so this
/// class is only used from the audio thread that owns it.
public final class ALSAPCM {
    /// Which way the samples go.
    public enum Direction: Sendable, Equatable {
        /// To the loudspeakers.
        case playback
        /// From a microphone (`communecast live`).
        case capture
    }

    /// The configuration asked for.
    public let configuration: PCMConfiguration
    /// Playback or capture.
    public let direction: Direction
    /// The rate the device granted.
    public private(set) var rate: Int = 0
    /// Frames per period granted.
    public private(set) var periodFrames: Int = 0
    /// Frames in the whole buffer granted.
    public private(set) var bufferFrames: Int = 0
    /// Underruns (overruns when capturing) and suspends recovered since opening.
    public private(set) var underruns = 0
    /// True for plugins that consume samples as fast as they are written (`null`, `file`), which need pacing.
    public private(set) var keepsRealTime = true

    /// The handle; nil once closed.
    var pcm: OpaquePointer?

    /// Opens and configures the device for 16-bit interleaved playback or capture.
    public init(configuration: PCMConfiguration, direction: Direction = .playback) throws {
        self.configuration = configuration
        self.direction = direction
        communecast_alsa_silence_errors()
        let device = configuration.device
        var handle: OpaquePointer?
        let stream = direction == .playback ? SND_PCM_STREAM_PLAYBACK : SND_PCM_STREAM_CAPTURE
        let opened = snd_pcm_open(&handle, device, stream, 0)
        guard opened >= 0, let handle else {
            throw ALSAError.openFailed(device: device, message: ALSAError.message(opened))
        }
        pcm = handle
        do {
            try configure(handle)
        } catch let error as ALSAError {
            close()
            throw ALSAError.openFailed(device: device, message: error.description)
        }
        let type = snd_pcm_type(handle)
        keepsRealTime = !(type == SND_PCM_TYPE_NULL || type == SND_PCM_TYPE_FILE)
    }

    deinit { close() }

    private func configure(_ handle: OpaquePointer) throws {
        var hw: OpaquePointer?
        try ALSAError.check(snd_pcm_hw_params_malloc(&hw), "snd_pcm_hw_params_malloc")
        defer { snd_pcm_hw_params_free(hw) }
        try ALSAError.check(snd_pcm_hw_params_any(handle, hw), "snd_pcm_hw_params_any")
        try ALSAError.check(snd_pcm_hw_params_set_rate_resample(handle, hw, 1), "snd_pcm_hw_params_set_rate_resample")
        try ALSAError.check(
            snd_pcm_hw_params_set_access(handle, hw, SND_PCM_ACCESS_RW_INTERLEAVED), "snd_pcm_hw_params_set_access"
        )
        try ALSAError.check(snd_pcm_hw_params_set_format(handle, hw, SND_PCM_FORMAT_S16_LE), "set_format S16_LE")
        try ALSAError.check(
            snd_pcm_hw_params_set_channels(handle, hw, UInt32(configuration.channels)),
            "set_channels \(configuration.channels)"
        )
        var rate = UInt32(configuration.sampleRate)
        try ALSAError.check(snd_pcm_hw_params_set_rate_near(handle, hw, &rate, nil), "set_rate_near")
        var buffer = UInt32(configuration.bufferMicroseconds)
        try ALSAError.check(snd_pcm_hw_params_set_buffer_time_near(handle, hw, &buffer, nil), "set_buffer_time_near")
        var period = UInt32(configuration.periodMicroseconds)
        try ALSAError.check(snd_pcm_hw_params_set_period_time_near(handle, hw, &period, nil), "set_period_time_near")
        try ALSAError.check(snd_pcm_hw_params(handle, hw), "snd_pcm_hw_params")
        var periodSize = snd_pcm_uframes_t(0)
        var bufferSize = snd_pcm_uframes_t(0)
        try ALSAError.check(snd_pcm_hw_params_get_period_size(hw, &periodSize, nil), "get_period_size")
        try ALSAError.check(snd_pcm_hw_params_get_buffer_size(hw, &bufferSize), "get_buffer_size")
        self.rate = Int(rate)
        periodFrames = Int(periodSize)
        bufferFrames = Int(bufferSize)

        var sw: OpaquePointer?
        try ALSAError.check(snd_pcm_sw_params_malloc(&sw), "snd_pcm_sw_params_malloc")
        defer { snd_pcm_sw_params_free(sw) }
        try ALSAError.check(snd_pcm_sw_params_current(handle, sw), "snd_pcm_sw_params_current")
        // Playback starts once two periods are queued: quick to start, yet not starved by the first write. Capture
        // starts with the first read.
        let threshold = direction == .playback ? min(bufferSize, periodSize * 2) : 1
        try ALSAError.check(
            snd_pcm_sw_params_set_start_threshold(handle, sw, snd_pcm_uframes_t(threshold)), "set_start_threshold"
        )
        try ALSAError.check(snd_pcm_sw_params(handle, sw), "snd_pcm_sw_params")
        try ALSAError.check(snd_pcm_prepare(handle), "snd_pcm_prepare")
    }

    /// Writes interleaved 16-bit frames, blocking until the device took them all; recovers from underruns and
    /// suspends, and throws `.deviceGone` when the device has vanished.
    public func write(_ samples: UnsafeBufferPointer<Int16>) throws {
        guard let pcm else { throw ALSAError.deviceGone(device: configuration.device, message: "closed") }
        let channels = configuration.channels
        var offset = 0
        let frames = samples.count / channels
        while offset < frames {
            let written = snd_pcm_writei(
                pcm, samples.baseAddress! + offset * channels, snd_pcm_uframes_t(frames - offset)
            )
            if written >= 0 {
                offset += Int(written)
                continue
            }
            try recover(from: Int32(written), in: "snd_pcm_writei")
        }
    }

    /// Handles a failed `snd_pcm_writei` or `snd_pcm_readi`: retries after EAGAIN and EINTR, recovers from an
    /// underrun, overrun or suspend (counted), and throws `.deviceGone` or `.system` otherwise.
    func recover(from code: Int32, in function: String) throws {
        guard let pcm else { throw ALSAError.deviceGone(device: configuration.device, message: "closed") }
        if code == -EAGAIN { return }
        if code == -EPIPE || code == -ESTRPIPE || code == -EINTR {
            if code != -EINTR { underruns += 1 }
            let recovered = snd_pcm_recover(pcm, code, 1)
            if recovered >= 0 { return }
            throw ALSAError.deviceGone(device: configuration.device, message: ALSAError.message(recovered))
        }
        if ALSAError.isDeviceGone(code) {
            throw ALSAError.deviceGone(device: configuration.device, message: ALSAError.message(code))
        }
        throw ALSAError.system(code: code, function: function, message: ALSAError.message(code))
    }

    /// Frames written but not yet played; 0 when the device cannot say.
    public var delayFrames: Int {
        guard let pcm else { return 0 }
        var delay = snd_pcm_sframes_t(0)
        return snd_pcm_delay(pcm, &delay) == 0 ? max(0, Int(delay)) : 0
    }

    /// Frames the running device could take now without blocking (`snd_pcm_avail`, which reads the hardware's
    /// position); nil when it is not running (prepared, underrun, suspended) or cannot say, as a write would then
    /// not wait for it.
    public var roomWhileRunning: Int? {
        guard let pcm, snd_pcm_state(pcm) == SND_PCM_STATE_RUNNING else { return nil }
        let available = snd_pcm_avail(pcm)
        return available >= 0 ? Int(available) : nil
    }

    /// Lets queued audio play out, then makes the device ready for the next write.
    public func drain() {
        guard let pcm else { return }
        snd_pcm_drain(pcm)
        snd_pcm_prepare(pcm)
    }

    /// Frames written but not yet played that the device could take back now; 0 for plugins that cannot rewind
    /// (ALSA's `rate` converter, some drivers). For `null` this is the whole buffer whatever was played, so callers
    /// bound it by what they know to be unheard.
    public func rewindableFrames() throws -> Int {
        guard let pcm else { throw ALSAError.deviceGone(device: configuration.device, message: "closed") }
        return Int(try ALSAError.check(snd_pcm_rewindable(pcm), "snd_pcm_rewindable"))
    }

    /// Takes back up to `frames` of the most recently written, not yet played frames, as PulseAudio does before it
    /// writes something else in their place; returns how many the device took back.
    public func rewind(frames: Int) throws -> Int {
        guard let pcm else { throw ALSAError.deviceGone(device: configuration.device, message: "closed") }
        guard frames > 0 else { return 0 }
        return Int(try ALSAError.check(snd_pcm_rewind(pcm, snd_pcm_uframes_t(frames)), "snd_pcm_rewind"))
    }

    /// Closes the device; further writes throw.
    public func close() {
        if let pcm { snd_pcm_close(pcm) }
        pcm = nil
    }
}
