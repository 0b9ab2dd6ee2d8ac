import ControlProtocol
import Logging
import NIOCore
import NIOSSL

extension ControlServer {
    /// Builds a TLS connection's pipeline on its event loop: idle timer, lingering close for refused clients, TLS,
    /// the handshake gate, then framing.
    func makeTLSConnection(_ channel: Channel, tls: TLSListenerConfiguration) -> EventLoopFuture<AcceptedConnection> {
        channel.eventLoop.makeCompletedFuture { [self] in
            let state = ConnectionState()
            let remote = Self.describe(channel.remoteAddress)
            let promise = channel.eventLoop.makePromise(of: ClientCertificate.self)
            let ssl = NIOSSLServerHandler(context: tls.context)
            let outcome = TLSRefusalLinger.Outcome()
            let operations = channel.pipeline.syncOperations
            try addIdleTimer(to: channel, state: state, describedAs: remote)
            try operations.addHandler(TLSRefusalLinger(outcome: outcome, linger: TimeAmount(tls.handshakeTimeout)))
            try operations.addHandler(ssl)
            try operations.addHandler(
                TLSHandshakeHandler(tls: ssl, timeout: tls.handshakeTimeout, outcome: outcome, promise: promise)
            )
            try addFraming(to: channel, state: state, describedAs: remote)
            let address = channel.remoteAddress?.ipAddress
            return AcceptedConnection(
                channel: channel, origin: .tls(handshake: promise.futureResult, remote: remote, address: address),
                state: state
            )
        }
    }

    private func addIdleTimer(to channel: Channel, state: ConnectionState, describedAs peer: String) throws {
        let logger = logger
        let timeout = configuration.idleTimeout
        let idle = IdleTimeoutHandler(timeout: timeout, connection: state) {
            logger.info("closing idle connection", metadata: ["peer": "\(peer)", "idle": "\(timeout)"])
        }
        try channel.pipeline.syncOperations.addHandler(idle)
    }

    private func addFraming(to channel: Channel, state: ConnectionState, describedAs peer: String) throws {
        let logger = logger
        let decoder = VarlinkFrameDecoder(
            maxFrameBytes: configuration.maxFrameBytes,
            methodFrameLimits: configuration.methodFrameLimits
        )
        let arrival = VarlinkFrameHandler.MessageArrival(
            timeout: configuration.messageTimeout, methods: configuration.methodMessageTimeouts
        )
        let framing = VarlinkFrameHandler(decoder: decoder, arrival: arrival, connection: state) { bound in
            logger.notice(
                "closing connection: a message did not arrive whole in time",
                metadata: ["peer": "\(peer)", "bound": "\(bound)"]
            )
        }
        try channel.pipeline.syncOperations.addHandlers(
            framing,
            MemoryCallHandler(
                router: router, handler: handler, methods: configuration.methodsAnsweredFromMemory, connection: state
            )
        )
        channel.closeFuture.whenComplete { _ in state.markClosed() }
    }

    /// `host:port` (IPv6 in brackets) for logs.
    static func describe(_ address: SocketAddress?) -> String {
        guard let address, let ip = address.ipAddress, let port = address.port else {
            return address.map { "\($0)" } ?? "unknown"
        }
        return ip.contains(":") ? "[\(ip)]:\(port)" : "\(ip):\(port)"
    }

    /// Puts the async channel at the end of the pipeline and starts reading, on the channel's event loop.
    private func startReading(_ channel: Channel) async throws -> NIOAsyncChannel<[UInt8], OutboundMessage> {
        try await channel.eventLoop.submit {
            let asyncChannel = try NIOAsyncChannel<[UInt8], OutboundMessage>(
                wrappingChannelSynchronously: channel,
                configuration: .init(backPressureStrategy: .init(lowWatermark: 2, highWatermark: 4))
            )
            try channel.syncOptions?.setOption(.autoRead, value: true)
            return asyncChannel
        }.get()
    }

    /// Serves one connection: its calls strictly one at a time, in the order received, until either side
    /// closes it or a message that cannot be answered arrives. Calls answered from memory are answered by the
    /// connection's `MemoryCallHandler` on the event loop once the peer is known, whenever the task has nothing
    /// in hand; the task tells it the peer, and when it is done with each message it was passed.
    func serve(_ connection: AcceptedConnection, id: Int) async {
        connection.claim()
        var logger = logger
        logger[metadataKey: "conn"] = "\(id)"
        do {
            let asyncChannel = try await startReading(connection.channel)
            try await asyncChannel.executeThenClose { [self] inbound, outbound in
                var peer = try await ConnectionPeer.identify(connection.origin, tls: configuration.tls)
                if case .tls(_, let remote, _) = connection.origin, let refusal = budget.completeHandshake(id) {
                    refusals.record(refusal, connection: id, remote: remote)
                    return
                }
                logger.debug("accepted control connection", metadata: peer.logMetadata)
                try await outbound.write(.identified(peer, logger: logger))
                for try await frame in inbound {
                    peer.refresh()
                    let outcome = try await process(
                        frame, from: peer.identity, outbound: outbound, state: connection.state, logger: logger
                    )
                    switch outcome {
                    case .close: return
                    case .answered: continue
                    case .answeredWithoutReply: try await outbound.write(.callDone)
                    }
                }
            }
            logger.debug("control connection closed")
        } catch let error as VarlinkFrameError {
            logger.notice("closed control connection", metadata: ["reason": "\(error)"])
        } catch let error as TLSHandshakeError {
            var metadata: Logger.Metadata = ["reason": "\(error)"]
            if case .tls(_, let remote, _) = connection.origin { metadata["remote"] = "\(remote)" }
            if connection.state.wasClosedToMakeRoom {
                logger.debug("closed a TLS handshake to make room", metadata: metadata)
            } else {
                logger.notice("refused TLS connection", metadata: metadata)
            }
        } catch {
            logger.debug("control connection ended", metadata: ["reason": "\(error)"])
        }
    }

    /// What became of one message.
    private enum Outcome {
        /// Its final reply was written, marked as ending the call.
        case answered
        /// It is done but wrote no final reply (a `oneway` call).
        case answeredWithoutReply
        /// The connection must close.
        case close
    }

    /// Acts on one message.
    private func process(
        _ frame: [UInt8],
        from peer: PeerIdentity,
        outbound: NIOAsyncChannelOutboundWriter<OutboundMessage>,
        state: ConnectionState,
        logger: Logger
    ) async throws -> Outcome {
        switch router.route(frame: frame, from: peer) {
        case .reply(let reply, let oneway):
            if let error = reply.error { logger.debug("refused call", metadata: ["error": "\(error)"]) }
            if oneway { return .answeredWithoutReply }
            try await outbound.write(.ending(reply))
            return .answered
        case .replyAndClose(let reply, let reason):
            logger.notice("refused control connection", metadata: ["reason": "\(reason)"])
            try await outbound.write(.ending(reply))
            return .close
        case .deny(let call, let closeConnection, let reason):
            logger.notice("permission denied", metadata: ["peer": "\(peer)", "reason": "\(reason)"])
            await handler.refused(call, from: peer)
            if !call.oneway || closeConnection {
                try await outbound.write(.ending(VarlinkReply(error: .permissionDenied)))
            }
            if closeConnection { return .close }
            return call.oneway ? .answeredWithoutReply : .answered
        case .close(let reason):
            logger.notice("closing control connection: not a varlink call", metadata: ["reason": "\(reason)"])
            return .close
        case .dispatch(let call):
            logger.debug("call", metadata: ["method": "\(call.method)", "more": "\(call.more)"])
            if configuration.methodsAnsweredFromMemory.contains(call.method),
               let reply = handler.answerFromMemory(call, from: peer) {
                if call.oneway { return .answeredWithoutReply }
                try await outbound.write(.reply(reply.frame, endsCall: true))
                return .answered
            }
            let replies = ReplyWriter(call: call, outbound: outbound, connection: state)
            let handler = handler
            await state.runCall {
                await handler.handle(call, from: peer, replies: replies)
            }
            if !replies.isFinished, !call.oneway, replies.isClientConnected {
                logger.warning("handler sent no final reply", metadata: ["method": "\(call.method)"])
                await replies.fail(.methodNotImplemented(call.method))
            }
            guard replies.isClientConnected else { return .close }
            return replies.endedCall ? .answered : .answeredWithoutReply
        }
    }
}
