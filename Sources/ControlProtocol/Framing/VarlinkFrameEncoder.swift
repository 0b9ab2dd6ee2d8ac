/// Turns message bytes into a frame on the wire: the JSON text followed by one NUL.
public enum VarlinkFrameEncoder {
    /// Returns `message` with the terminating NUL appended.
    public static func frame(_ message: [UInt8]) -> [UInt8] {
        var framed = message
        framed.append(0)
        return framed
    }
}
