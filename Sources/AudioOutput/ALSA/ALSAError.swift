import CALSA
#if canImport(Glibc)
import Glibc
#endif

/// Failures of the ALSA layer, sorted into what the playout code must do about them (MPD's lib/alsa/Error idea):
/// an underrun or suspend is recovered on the spot, a vanished device means close, report `degraded` and retry.
public enum ALSAError: Error, Equatable, CustomStringConvertible {
    /// The buffer ran dry (EPIPE).
    case xrun
    /// The device was suspended (ESTRPIPE).
    case suspended
    /// The device went away (ENODEV, EBADFD, EIO after recovery failed): unplugged USB adapter, driver reset.
    case deviceGone(device: String, message: String)
    /// The device could not be opened or configured.
    case openFailed(device: String, message: String)
    /// Any other failing call, with `snd_strerror`'s text.
    case system(code: Int32, function: String, message: String)
    /// The card's mixer could not be opened or read.
    case mixerUnavailable(card: String, message: String)
    /// The card has no playback control of that name; `available` lists those it has.
    case noSuchControl(card: String, control: String, available: [String])

    public var description: String {
        switch self {
        case .xrun: "ALSA buffer underrun"
        case .suspended: "ALSA device suspended"
        case let .deviceGone(device, message): "audio device '\(device)' is gone: \(message)"
        case let .openFailed(device, message): "cannot open audio device '\(device)': \(message)"
        case let .system(code, function, message): "\(function) failed (\(code)): \(message)"
        case let .mixerUnavailable(card, message): "cannot open the mixer of '\(card)': \(message)"
        case let .noSuchControl(card, control, available):
            "mixer '\(card)' has no playback control '\(control)'; "
                + (available.isEmpty ? "it has none" : "it has \(available.joined(separator: ", "))")
        }
    }

    /// `snd_strerror`'s text for a negative ALSA return code.
    static func message(_ code: Int32) -> String { String(cString: snd_strerror(code)) }

    /// Throws `.system` for a negative return code; returns the value otherwise. Every ALSA call goes through here,
    /// whether it returns an `int` or a frame count (`snd_pcm_sframes_t`).
    @discardableResult
    static func check<Code: BinaryInteger>(_ code: Code, _ function: @autoclosure () -> String) throws -> Code {
        guard code < 0 else { return code }
        let errno = Int32(truncatingIfNeeded: code)
        throw ALSAError.system(code: errno, function: function(), message: message(errno))
    }

    /// Whether an error code means the device itself has disappeared.
    static func isDeviceGone(_ code: Int32) -> Bool {
        code == -ENODEV || code == -EBADFD || code == -EIO || code == -ENXIO || code == -ESHUTDOWN
    }
}
