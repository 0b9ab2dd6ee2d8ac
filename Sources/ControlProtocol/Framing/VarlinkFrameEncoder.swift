/// Turns messages into frames on the wire: the JSON text followed by one NUL.
public enum VarlinkFrameEncoder {
    /// Returns the frame of a call.
    public static func frame(_ call: VarlinkCall) -> [UInt8] {
        terminated(call.encoded())
    }

    /// Returns the frame of a reply.
    public static func frame(_ reply: VarlinkReply) -> [UInt8] {
        terminated(reply.encoded())
    }

    private static func terminated(_ message: [UInt8]) -> [UInt8] {
        var framed = message
        framed.append(0)
        return framed
    }
}
