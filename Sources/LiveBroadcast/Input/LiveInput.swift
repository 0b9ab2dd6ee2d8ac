/// Where a live broadcast's audio comes from: mono 48 kHz float, delivered in real time (a microphone, or a file
/// held to the wall clock), so the encoder and the server see what a listener would.
public protocol LiveInput: AnyObject {
    /// The device or file, for messages.
    var name: String { get }
    /// Fills `buffer` with the next mono frames, blocking until they are due; returns how many, 0 at the end.
    func read(into buffer: UnsafeMutableBufferPointer<Float>) throws(LiveError) -> Int
    /// Releases the device or file.
    func close()
}
