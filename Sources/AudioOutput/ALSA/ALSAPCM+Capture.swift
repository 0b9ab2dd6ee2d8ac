import CALSA
#if canImport(Glibc)
import Glibc
#endif

extension ALSAPCM {
    /// Reads interleaved 16-bit frames, blocking until `samples` is full; recovers from overruns and suspends (what
    /// was lost meanwhile is simply gone, as on any live input) and throws `.deviceGone` when the device has vanished,
    /// such as a USB microphone pulled out.
    public func read(into samples: UnsafeMutableBufferPointer<Int16>) throws {
        guard let pcm, direction == .capture else {
            throw ALSAError.deviceGone(device: configuration.device, message: "not open for capture")
        }
        let channels = configuration.channels
        let frames = samples.count / channels
        var offset = 0
        while offset < frames {
            let read = snd_pcm_readi(pcm, samples.baseAddress! + offset * channels, snd_pcm_uframes_t(frames - offset))
            if read > 0 {
                offset += Int(read)
                continue
            }
            guard read < 0 else {
                throw ALSAError.system(code: 0, function: "snd_pcm_readi", message: "the device returned no frames")
            }
            try recover(from: Int32(read), in: "snd_pcm_readi")
        }
    }
}
