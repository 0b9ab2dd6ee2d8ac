import ControlProtocol
import NIOCore
import Synchronization

/// How a handler answers one call: one reply, or for a `more` call a stream of replies ending in a final one.
///
/// The writer enforces the protocol so handlers need not: replies to `oneway` calls are dropped, `continues` is
/// cleared unless the call asked for `more`, and nothing is sent after the final reply.
public final class ReplyWriter: Sendable {
    /// Sends one encoded reply on the connection (`endsCall` marks the final one), or throws if it is gone.
    typealias Output = @Sendable (_ frame: ByteBuffer, _ endsCall: Bool) async throws -> Void

    private let call: VarlinkCall
    private let output: Output
    private let connection: ConnectionState
    private let finished = Atomic<Bool>(false)
    private let wroteFinal = Atomic<Bool>(false)

    /// A writer for a connection served through SwiftNIO (TLS).
    convenience init(
        call: VarlinkCall, outbound: NIOAsyncChannelOutboundWriter<OutboundMessage>, connection: ConnectionState
    ) {
        self.init(call: call, connection: connection) { frame, endsCall in
            try await outbound.write(.reply(frame, endsCall: endsCall))
        }
    }

    /// A writer that hands each reply to `output` (the Unix socket's connection thread).
    init(call: VarlinkCall, connection: ConnectionState, output: @escaping Output) {
        self.call = call
        self.connection = connection
        self.output = output
    }

    /// Whether the client is still connected; a streaming handler may poll it between events.
    public var isClientConnected: Bool {
        !connection.isClosed
    }

    /// Whether the final reply has been sent (or would have been, for a `oneway` call).
    public var isFinished: Bool {
        finished.load(ordering: .acquiring)
    }

    /// Whether the final reply was written to the connection, marked as ending the call.
    var endedCall: Bool {
        wroteFinal.load(ordering: .acquiring)
    }

    /// Sends a reply; returns `false` if the client has gone away or the final reply was already sent.
    @discardableResult
    public func send(_ reply: VarlinkReply) async -> Bool {
        var reply = reply
        if !call.more { reply.continues = false }
        if !reply.continues {
            guard !finished.exchange(true, ordering: .acquiringAndReleasing) else { return false }
        } else if isFinished {
            return false
        }
        if call.oneway { return isClientConnected }
        guard isClientConnected else { return false }
        do {
            if !reply.continues { wroteFinal.store(true, ordering: .releasing) }
            try await output(ByteBuffer(bytes: VarlinkFrameEncoder.frame(reply)), !reply.continues)
            return true
        } catch {
            return false
        }
    }

    /// Sends a typed reply of `method`; set `continues` on every reply of a `more` call but the last.
    @discardableResult
    public func send<Method: VarlinkMethod>(
        _ method: Method.Type,
        _ reply: Method.Reply,
        continues: Bool = false
    ) async throws(EncodingError) -> Bool {
        await send(try VarlinkReply(method, reply, continues: continues))
    }

    /// Ends the call with an error reply.
    @discardableResult
    public func fail(_ error: VarlinkError) async -> Bool {
        await send(VarlinkReply(error: error))
    }
}
