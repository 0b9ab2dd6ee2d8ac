import AudioOutput

/// A live input from an ALSA capture device (`default`, a USB microphone), asked for mono 48 kHz; a device that
/// cannot give that rate is refused with a message pointing at ALSA's `plug` layer, which converts.
public final class DeviceInput: LiveInput {
    public let name: String
    private let capture: ALSACapture

    /// Opens `device` for capture.
    public init(device: String) throws(LiveError) {
        name = device
        do {
            capture = try ALSACapture(configuration: PCMConfiguration(device: device, sampleRate: 48_000, channels: 1))
        } catch {
            throw .input(name: device, message: "cannot open for capture: \(error)")
        }
        guard capture.sampleRate == 48_000, capture.channels == 1 else {
            let granted = "\(capture.sampleRate) Hz, \(capture.channels) channels"
            capture.close()
            throw .input(name: device, message: "the device gives \(granted), not mono 48 kHz; use plug:\(device)")
        }
    }

    public func read(into buffer: UnsafeMutableBufferPointer<Float>) throws(LiveError) -> Int {
        do {
            try capture.read(into: buffer)
        } catch {
            throw .input(name: name, message: "capture failed: \(error)")
        }
        return buffer.count
    }

    public func close() { capture.close() }
}
