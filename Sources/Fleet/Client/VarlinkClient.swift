import ControlProtocol
import Logging
import NIOCore
import NIOPosix
import NIOSSL

/// One connection from the CLI to a site's daemon, speaking varlink.
///
/// Calls may be made concurrently: they are written in order and answered in order, as varlink requires.
/// A `more` stream occupies the connection until its final reply; abandoning it early closes the connection,
/// since that is the only way varlink offers to stop a stream.
public final class VarlinkClient: Sendable {
    /// The largest reply accepted; health and media lists are far smaller, but 16 MiB matches the upload limit.
    public static let maxReplyBytes = 16 * 1024 * 1024

    /// The site this client is connected to.
    public let address: SiteAddress
    private let channel: Channel
    private let failure: ConnectionFailure
    private let logger: Logger

    private init(address: SiteAddress, channel: Channel, failure: ConnectionFailure, logger: Logger) {
        self.address = address
        self.channel = channel
        self.failure = failure
        self.logger = logger
    }

    /// Connects to a site, giving up after `timeout`. A `tls:` address needs `tls`: the connection is returned once
    /// the handshake has verified the site's certificate against the CA and the host name.
    public static func connect(
        to address: SiteAddress,
        timeout: Duration = .seconds(10),
        tls: TLSClientCredentials? = nil,
        logger: Logger
    ) async throws(ClientError) -> VarlinkClient {
        let bootstrap = ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connectTimeout(TimeAmount(timeout))
        let channel: Channel
        let failure = ConnectionFailure()
        do {
            switch address {
            case .unix(let path):
                channel = try await bootstrap.channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try addVarlinkHandler(to: channel, address: address, timeout: timeout, failure: failure)
                    }
                }.connect(unixDomainSocketPath: path).get()
            case .tls(let host, let port):
                guard let tls else { throw ClientError.tlsCredentialsRequired(address) }
                // Held from before the connection exists: the handshake may fail, and NIOSSL close the connection,
                // before this task runs again.
                let handshake = MultiThreadedEventLoopGroup.singleton.any().makePromise(of: Void.self)
                let connected: Channel
                do {
                    connected = try await bootstrap.channelInitializer { channel in
                        channel.eventLoop.makeCompletedFuture {
                            let sync = channel.pipeline.syncOperations
                            let ssl = try NIOSSLClientHandler(context: tls.context, serverHostname: sniName(host))
                            try sync.addHandler(ssl)
                            try sync.addHandler(TLSHandshakeWaiter(
                                address: address, timeout: timeout, failure: failure, outcome: handshake
                            ))
                            try addVarlinkHandler(to: channel, address: address, timeout: timeout, failure: failure)
                        }
                    }.connect(host: host, port: port).get()
                } catch {
                    handshake.fail(error)
                    throw error
                }
                do {
                    try await handshake.futureResult.get()
                } catch {
                    connected.close(promise: nil)
                    throw error
                }
                channel = connected
            }
        } catch {
            throw FailureAccount(error, address: address, timeout: timeout).error
        }
        logger.debug("connected to site", metadata: ["address": "\(address)"])
        return VarlinkClient(address: address, channel: channel, failure: failure, logger: logger)
    }

    private static func addVarlinkHandler(
        to channel: Channel, address: SiteAddress, timeout: Duration, failure: ConnectionFailure
    ) throws {
        let handler = VarlinkClientHandler(address: address, timeout: timeout, maxReplyBytes: maxReplyBytes,
                                           failure: failure)
        try channel.pipeline.syncOperations.addHandler(handler)
    }

    /// The name to send in SNI and to check the certificate against; an IP address is not sent (SNI forbids it)
    /// and NIOSSL then checks the certificate's IP subjectAltName against the address connected to.
    private static func sniName(_ host: String) -> String? {
        (try? SocketAddress(ipAddress: host, port: 0)) == nil ? host : nil
    }

    /// Calls a typed method and decodes its reply; a varlink error reply is thrown as `.remote`.
    public func call<Method: VarlinkMethod>(
        _ method: Method.Type,
        _ parameters: Method.Parameters
    ) async throws(ClientError) -> Method.Reply {
        let reply = try await callRaw(try encode(method, parameters, more: false))
        return try decode(reply, for: method, needing: method.requiredRole(for: parameters))
    }

    /// Sends a call encoded once beforehand, as a fan-out does with the same large upload for every site, and
    /// decodes its reply like ``call(_:_:)``.
    public func call<Method: VarlinkMethod>(
        _ prepared: PreparedCall<Method>
    ) async throws(ClientError) -> Method.Reply {
        try decode(try await firstReply(of: rawStream(frame: prepared.frame, oneway: false, more: false)),
                   for: Method.self, needing: prepared.requiredRole)
    }

    /// Sends any call and returns the first reply as received, error replies included; a `oneway` call returns
    /// an empty reply once it has been written. Use `stream` for `more` calls: here the connection is closed
    /// after the first reply if more were due.
    public func callRaw(_ call: VarlinkCall) async throws(ClientError) -> VarlinkReply {
        try await firstReply(of: rawStream(frame: VarlinkFrameEncoder.frame(call), oneway: call.oneway, more: call.more))
    }

    /// The first reply of a call; an empty one for a `oneway` call once it has been written.
    private func firstReply(
        of replies: AsyncThrowingStream<VarlinkReply, any Error>
    ) async throws(ClientError) -> VarlinkReply {
        do {
            for try await reply in replies { return reply }
        } catch {
            throw error as? ClientError ?? .closedByPeer(address)
        }
        if Task.isCancelled { throw .cancelled(address) }
        return VarlinkReply()
    }

    /// Calls a streaming method with `more` set and yields each decoded reply until the final one.
    public func stream<Method: VarlinkMethod>(
        _ method: Method.Type,
        _ parameters: Method.Parameters
    ) -> AsyncThrowingStream<Method.Reply, any Error> {
        let (stream, continuation) = AsyncThrowingStream<Method.Reply, any Error>.makeStream()
        let call: VarlinkCall
        do {
            call = try encode(method, parameters, more: true)
        } catch {
            continuation.finish(throwing: error)
            return stream
        }
        let address = address
        let role = method.requiredRole(for: parameters)
        let pending = PendingCall(
            frame: VarlinkFrameEncoder.frame(call),
            receive: { reply in
                do throws(ClientError) {
                    continuation.yield(try Self.decode(reply, for: method, needing: role, address: address))
                    if !reply.continues { continuation.finish() }
                } catch {
                    continuation.finish(throwing: error)
                }
            },
            fail: { error in continuation.finish(throwing: error) }
        )
        send(pending, more: true, onAbandon: continuation)
        return stream
    }

    /// Closes the connection; calls still waiting fail with `.closedByPeer`.
    public func close() async {
        logger.debug("closing connection to site", metadata: ["address": "\(address)"])
        try? await channel.close()
    }

    /// Sends a call and returns its replies as they come.
    private func rawStream(frame: [UInt8], oneway: Bool, more: Bool) -> AsyncThrowingStream<VarlinkReply, any Error> {
        let (stream, continuation) = AsyncThrowingStream<VarlinkReply, any Error>.makeStream()
        let receive: @Sendable (VarlinkReply) -> Void = { reply in
            continuation.yield(reply)
            if !reply.continues { continuation.finish() }
        }
        let pending = PendingCall(
            frame: frame,
            receive: oneway ? nil : receive,
            fail: { error in continuation.finish(throwing: error) }
        )
        send(pending, more: more, onAbandon: continuation)
        return stream
    }

    /// Writes the call. If the caller stops listening to a `more` call before its final reply, the connection is
    /// closed, since the daemon would otherwise go on streaming; a single reply nobody waits for is just dropped.
    private func send<Element>(
        _ pending: PendingCall,
        more: Bool,
        onAbandon continuation: AsyncThrowingStream<Element, any Error>.Continuation
    ) {
        let channel = channel
        let address = address
        let failure = failure
        continuation.onTermination = { termination in
            if more, case .cancelled = termination { channel.close(promise: nil) }
        }
        let written = channel.writeAndFlush(pending)
        written.whenFailure { _ in continuation.finish(throwing: failure.error ?? ClientError.closedByPeer(address)) }
        if !pending.expectsReply {
            written.whenSuccess { continuation.finish() }
        }
    }

    private func encode<Method: VarlinkMethod>(
        _ method: Method.Type,
        _ parameters: Method.Parameters,
        more: Bool
    ) throws(ClientError) -> VarlinkCall {
        do {
            return try VarlinkCall(method, parameters, more: more)
        } catch {
            throw .protocolViolation(address, reason: "cannot encode the parameters of \(method.name): \(error)")
        }
    }

    private func decode<Method: VarlinkMethod>(
        _ reply: VarlinkReply,
        for method: Method.Type,
        needing role: Role
    ) throws(ClientError) -> Method.Reply {
        try Self.decode(reply, for: method, needing: role, address: address)
    }

    /// Decodes a reply; a `PermissionDenied` names the role the call needed, from the method's declaration.
    private static func decode<Method: VarlinkMethod>(
        _ reply: VarlinkReply,
        for method: Method.Type,
        needing role: Role,
        address: SiteAddress
    ) throws(ClientError) -> Method.Reply {
        do {
            return try reply.decodeParameters(for: method)
        } catch {
            switch error {
            case .error(let varlinkError) where varlinkError == .permissionDenied:
                throw .permissionDenied(method: method.name, needs: role)
            case .error(let varlinkError): throw .remote(varlinkError)
            case .malformed: throw .protocolViolation(address, reason: error.description)
            }
        }
    }
}
