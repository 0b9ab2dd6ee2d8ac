import ControlProtocol
import Logging
import NIOCore

/// What the task serving a connection writes into its pipeline: reply bytes, and what the connection's
/// `MemoryCallHandler` needs to know to answer a call on the event loop without overtaking a reply.
///
/// Everything travels through the one ordered writer, so when the handler sees the end of a call (its final reply,
/// or `callDone` for a call that gets none), every reply to it has already passed the handler on its way out, and
/// the handler counts the call done before the client can have seen its reply.
enum OutboundMessage: Sendable {
    /// A reply frame to send; `endsCall` marks the final reply to a message the handler passed on.
    case reply(ByteBuffer, endsCall: Bool)
    /// The task has finished with a message that the handler passed on, without a final reply to mark.
    case callDone
    /// The task knows who the peer is; from now on the handler may answer calls itself.
    case identified(ConnectionPeer, logger: Logger)
}

extension OutboundMessage {
    /// The final reply to a call, to encode and send.
    static func ending(_ reply: VarlinkReply) -> OutboundMessage {
        .reply(ByteBuffer(bytes: VarlinkFrameEncoder.frame(reply)), endsCall: true)
    }
}
