import ControlProtocol
import NIOCore

/// A reply already encoded as a frame, as a handler's fast path returns it: a handler that answers a method from
/// memory can keep one and hand it out again until what it says changes, so a busy poller costs no encoding.
public struct PreparedReply: Sendable {
    /// The reply's JSON text and its terminating NUL.
    let frame: ByteBuffer

    /// Encodes `reply` once.
    public init(_ reply: VarlinkReply) {
        frame = ByteBuffer(bytes: VarlinkFrameEncoder.frame(reply))
    }

    /// Encodes a typed reply of `method` once.
    public init<Method: VarlinkMethod>(_ method: Method.Type, _ reply: Method.Reply) throws(EncodingError) {
        self.init(try VarlinkReply(method, reply))
    }
}
