import AudioCodec
import HostSystem

extension EncodeOptions {
    /// The defaults for an encode on this machine: the pipeline holds the whole signal, so a file that would need
    /// more than three quarters of the memory is refused before it is decoded, with its need and the limit, rather
    /// than left to drive the machine into swap (two hours at 48 kHz need about 5.5 GB).
    static var onThisMachine: EncodeOptions {
        var options = EncodeOptions()
        options.maxSignalMemoryBytes = PhysicalMemory.share(0.75)
        return options
    }
}
