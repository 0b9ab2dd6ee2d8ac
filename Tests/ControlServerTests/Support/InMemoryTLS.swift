import CommuneCastTesting
@testable import ControlServer
@testable import Fleet
import NIOCore
import NIOEmbedded
import NIOSSL
import Synchronization
import Testing

/// The CLI's TLS pipeline (NIOSSL, `TLSHandshakeWaiter`, `VarlinkClientHandler`) and a site's (NIOSSL with the
/// listener's own context) joined in memory: the real handshake with the test PKI, but the test carries the bytes, so
/// it decides when each side hears what, and no clock or socket is involved.
final class InMemoryTLS {
    /// The address the client believes it dialled.
    static let address = SiteAddress.tls(host: "127.0.0.1", port: 7420)
    /// The handshake timeout given to the waiter; the embedded loop's clock only moves when a test moves it.
    static let timeout = Duration.seconds(10)

    let client = EmbeddedChannel()
    let server = EmbeddedChannel()
    let failure = ConnectionFailure()
    let handshake: EventLoopPromise<Void>
    /// Every error the client's NIOSSL handler raised, in order.
    let clientErrors = ErrorRecorder(passOn: true)

    /// A client presenting `clientName`'s certificate (none when nil), trusting `ca` for the site, dialling `host`,
    /// and a site presenting `siteCertificate` and trusting the province CA for clients.
    init(pki: TestPKI, clientName: String?, ca: String = "province-ca.pem", siteCertificate: String = "test-site",
         host: String = "127.0.0.1") throws {
        handshake = client.embeddedEventLoop.makePromise(of: Void.self)
        let credentials = try TLSClientCredentials(
            certificatePath: clientName.map { pki.file("\($0).pem") },
            keyPath: clientName.map { pki.file("\($0).key") },
            caPath: pki.file(ca)
        )
        let listener = try TLSListenerConfiguration(
            host: "127.0.0.1", port: 0, certificatePath: pki.file("\(siteCertificate).pem"),
            keyPath: pki.file("\(siteCertificate).key"), clientCAPath: pki.file("province-ca.pem"),
            authorizer: TableAuthorizer([:])
        )
        let serverHostname = (try? SocketAddress(ipAddress: host, port: 0)) == nil ? host : nil
        let address = SiteAddress.tls(host: host, port: 7420)
        let clientPipeline = client.pipeline.syncOperations
        try clientPipeline.addHandler(try NIOSSLClientHandler(context: credentials.context,
                                                              serverHostname: serverHostname))
        try clientPipeline.addHandler(clientErrors)
        try clientPipeline.addHandler(TLSHandshakeWaiter(address: address, timeout: Self.timeout, failure: failure,
                                                         outcome: handshake))
        try clientPipeline.addHandler(VarlinkClientHandler(address: address, timeout: Self.timeout,
                                                           maxReplyBytes: 1 << 20, failure: failure))
        try server.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: listener.context))
        try server.pipeline.syncOperations.addHandler(ErrorRecorder(passOn: false))
        let socket = try SocketAddress(ipAddress: "127.0.0.1", port: 7420)
        try server.connect(to: socket).wait()
        try client.connect(to: socket).wait()
    }

    deinit {
        // Let what is queued on the embedded loops (closes, the handlers' end-of-turn work) run before they go.
        client.embeddedEventLoop.run()
        server.embeddedEventLoop.run()
        client.close(promise: nil)
        server.close(promise: nil)
        client.embeddedEventLoop.run()
        server.embeddedEventLoop.run()
    }

    /// Carries bytes both ways until neither side has more to send.
    func exchange() throws {
        var moved = true
        while moved {
            moved = false
            while let bytes = try client.readOutbound(as: ByteBuffer.self) {
                moved = true
                if server.isActive { try server.writeInbound(bytes) }
            }
            while let bytes = try server.readOutbound(as: ByteBuffer.self) {
                moved = true
                if client.isActive { try client.writeInbound(bytes) }
            }
        }
    }

    /// Carries the handshake until the client has finished its part, which in TLS 1.3 is before the site has checked
    /// the client's certificate: the client's last flight is left with the client.
    func handshakeUntilClientDone() throws {
        while handshakeOutcome() == nil {
            var moved = false
            while let bytes = try client.readOutbound(as: ByteBuffer.self) {
                moved = true
                try server.writeInbound(bytes)
            }
            while let bytes = try server.readOutbound(as: ByteBuffer.self) {
                moved = true
                try client.writeInbound(bytes)
            }
            guard moved else { throw HarnessError("the in-memory handshake stalled") }
        }
    }

    /// Everything the site has sent that the client has not read yet, as one buffer.
    func siteBytes() throws -> ByteBuffer? {
        var all: ByteBuffer?
        while var bytes = try server.readOutbound(as: ByteBuffer.self) {
            if all == nil { all = bytes } else { all!.writeBuffer(&bytes) }
        }
        return all
    }

    /// Moves the client's bytes to the site (and runs the site), keeping what the site answers for the test.
    func clientToSite() throws {
        while let bytes = try client.readOutbound(as: ByteBuffer.self) {
            if server.isActive { try server.writeInbound(bytes) }
        }
    }

    /// The handshake's outcome for `VarlinkClient.connect`: nil while it is pending.
    func handshakeOutcome() -> Result<Void, ClientError>? {
        Self.outcome(of: handshake.futureResult)
    }

    /// A handshake future's outcome on an embedded loop, where a completed future runs its callback at once:
    /// nil while it is pending.
    static func outcome(of future: EventLoopFuture<Void>) -> Result<Void, ClientError>? {
        final class Slot: Sendable {
            let value = Mutex<Result<Void, ClientError>?>(nil)
        }
        let slot = Slot()
        future.whenComplete { result in
            let outcome = result.mapError { $0 as? ClientError ?? .protocolViolation(address, reason: "\($0)") }
            slot.value.withLock { $0 = outcome }
        }
        return slot.value.withLock { $0 }
    }

    /// Sends a call through the client's pipeline.
    func call() -> CallOutcome {
        CallOutcome.send(on: client)
    }
}

/// How a call written to a client pipeline ended: the errors its callback and its write were failed with.
final class CallOutcome: Sendable {
    private let state = Mutex<(replies: Int, errors: [ClientError], writeErrors: [String])>((0, [], []))

    /// Replies delivered to the call.
    var replies: Int { state.withLock { $0.replies } }
    /// What the call's callback was failed with (once at most).
    var errors: [ClientError] { state.withLock { $0.errors } }
    /// What the write's promise was failed with, as text.
    var writeErrors: [String] { state.withLock { $0.writeErrors } }

    /// What `VarlinkClient` would tell the caller: the error the call was failed with, or, when the write failed
    /// without reaching the handler (the connection had already closed), the connection's recorded failure.
    func reason(_ failure: ConnectionFailure, address: SiteAddress) -> ClientError? {
        if let error = errors.first { return error }
        return writeErrors.isEmpty ? nil : failure.error ?? .closedByPeer(address)
    }

    /// Writes a `Stop` call to `channel`, whose last handler is a `VarlinkClientHandler`.
    static func send(on channel: EmbeddedChannel) -> CallOutcome {
        let outcome = CallOutcome()
        let call = PendingCall(frame: Array(#"{"method":"io.communecast.Site.Stop"}"#.utf8) + [0],
                               receive: { _ in outcome.state.withLock { $0.replies += 1 } },
                               fail: { error in outcome.state.withLock { $0.errors.append(error) } })
        channel.writeAndFlush(call).whenFailure { error in
            outcome.state.withLock { $0.writeErrors.append("\(error)") }
        }
        return outcome
    }
}

/// Records every error that passes; passes it on, or swallows it as the last handler of a pipeline must for
/// `EmbeddedChannel` not to rethrow it.
final class ErrorRecorder: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    private let passOn: Bool
    /// The errors seen, in order.
    private(set) var errors: [any Error] = []

    init(passOn: Bool) {
        self.passOn = passOn
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        errors.append(error)
        if passOn { context.fireErrorCaught(error) }
    }
}
