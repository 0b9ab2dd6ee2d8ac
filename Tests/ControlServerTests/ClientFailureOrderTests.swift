#if canImport(Glibc)
import Glibc
#endif
import CommuneCastTesting
@testable import Fleet
import NIOCore
import NIOEmbedded
import NIOSSL
import NIOTLS
import Testing

/// Issue 11: under load the CLI said `cannot reach tls:…: notFound` instead of why the handshake failed, because
/// what it reported depended on when its task looked. These tests run the real handshake in memory and then replay
/// what the client's TLS handler reported in every order, with no clock and no socket: the reason an operator reads
/// must be the same each time.
@Suite("The CLI's reason for a refused TLS connection does not depend on the order of events")
struct ClientFailureOrderTests {
    /// The sentences the README promises for each refusal.
    static let siteNotSigned = "the site's certificate is not signed by the CA in --ca"
    static let noCertificate = "the site requires a client certificate; give --cert and --key"
    static let unknownCA = "the site refused our certificate: it is not signed by the CA the site trusts for clients"
    static let expired = "the site refused our certificate: it has expired or is not valid yet"

    /// What can happen to a failing connection besides the TLS error itself.
    enum Report: CaseIterable {
        case tlsError, reset, endOfStream, close
    }

    /// Every ordering of `items`.
    static func permutations<T>(_ items: [T]) -> [[T]] {
        guard items.count > 1 else { return [items] }
        return items.indices.flatMap { index in
            var rest = items
            let first = rest.remove(at: index)
            return permutations(rest).map { [first] + $0 }
        }
    }

    /// A client pipeline with no TLS handler: the waiter and the varlink handler, fed reports by the test.
    final class ClientPipeline {
        let channel = EmbeddedChannel()
        let failure = ConnectionFailure()
        let handshake: EventLoopPromise<Void>

        init() throws {
            handshake = channel.embeddedEventLoop.makePromise(of: Void.self)
            let address = InMemoryTLS.address
            try channel.pipeline.syncOperations.addHandler(TLSHandshakeWaiter(
                address: address, timeout: InMemoryTLS.timeout, failure: failure, outcome: handshake
            ))
            try channel.pipeline.syncOperations.addHandler(VarlinkClientHandler(
                address: address, timeout: InMemoryTLS.timeout, maxReplyBytes: 1 << 20, failure: failure
            ))
            try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 7420)).wait()
        }

        func completeHandshake() {
            channel.pipeline.fireUserInboundEventTriggered(TLSUserEvent.handshakeCompleted(negotiatedProtocol: nil))
        }

        /// Delivers one report as NIO or NIOSSL would.
        func deliver(_ report: Report, tlsError: any Error, endOfStream: any Error) {
            switch report {
            case .tlsError: channel.pipeline.fireErrorCaught(tlsError)
            case .reset: channel.pipeline.fireErrorCaught(IOError(errnoCode: ECONNRESET, reason: "read"))
            case .endOfStream: channel.pipeline.fireErrorCaught(endOfStream)
            case .close: channel.close(promise: nil)
            }
        }

        /// The handshake's outcome: nil while pending.
        func handshakeOutcome() -> Result<Void, ClientError>? {
            InMemoryTLS.outcome(of: handshake.futureResult)
        }
    }

    /// The error a handshake outcome failed with; nil while pending or after success.
    static func failure(of outcome: Result<Void, ClientError>?) -> ClientError? {
        if case .failure(let error)? = outcome { return error }
        return nil
    }

    /// The error the client's NIOSSL raises when the site's certificate was signed by another CA.
    static func siteRefusalError() throws -> any Error {
        let tls = try InMemoryTLS(pki: try TestPKI.shared(), clientName: "so-tt-an-giang", ca: "other/province-ca.pem")
        try tls.exchange()
        return try #require(tls.clientErrors.errors.first)
    }

    /// The error the client's NIOSSL raises when the site refuses `client`'s certificate with an alert.
    static func alertError(refusing client: String?) throws -> any Error {
        let tls = try InMemoryTLS(pki: try TestPKI.shared(), clientName: client)
        try tls.exchange()
        return try #require(tls.clientErrors.errors.first)
    }

    @Test(
        "each refusal the README lists comes out of a real handshake, for the connect or for the first call",
        arguments: [
            (String?.none, "province-ca.pem", noCertificate),
            ("other/intruder", "province-ca.pem", unknownCA),
            ("expired", "province-ca.pem", expired),
            ("not-yet-valid", "province-ca.pem", expired),
            ("so-tt-an-giang", "other/province-ca.pem", siteNotSigned),
        ]
    )
    func realHandshake(client: String?, ca: String, expected: String) throws {
        let tls = try InMemoryTLS(pki: try TestPKI.shared(), clientName: client, ca: ca)
        try tls.exchange()
        let call = tls.call()
        try tls.exchange()
        tls.client.embeddedEventLoop.run()
        let failure = try #require(tls.failure.error)
        guard case .tlsFailed(_, let reason) = failure else {
            Issue.record("expected tlsFailed, got \(failure)")
            return
        }
        #expect(reason.hasPrefix(expected), "\(reason)")
        #expect(call.errors == [failure])
        if case .failure(let connect)? = tls.handshakeOutcome() {
            #expect(connect == failure, "a refusal of the site's certificate is reported at connect")
        }
    }

    @Test("a certificate that does not name the host dialled is refused with the host named")
    func hostName() throws {
        let tls = try InMemoryTLS(pki: try TestPKI.shared(), clientName: "so-tt-an-giang",
                                  siteCertificate: "elsewhere", host: "localhost")
        try tls.exchange()
        tls.client.embeddedEventLoop.run()
        guard case .failure(.tlsFailed(_, let reason))? = tls.handshakeOutcome() else {
            Issue.record("expected tlsFailed, got \(String(describing: tls.handshakeOutcome()))")
            return
        }
        #expect(reason.hasPrefix("the site's certificate is not valid for localhost"), "\(reason)")
    }

    @Test("the site's alert is read whether it comes whole, in pieces, or with the reset and the close behind it")
    func alertDeliveries() throws {
        let deliveries: [(String, (InMemoryTLS, ByteBuffer) throws -> Void)] = [
            ("whole", { tls, alert in try tls.client.writeInbound(alert) }),
            ("in two pieces", { tls, alert in
                var alert = alert
                let half = alert.readSlice(length: alert.readableBytes / 2)!
                try tls.client.writeInbound(half)
                try tls.client.writeInbound(alert)
            }),
            ("then reset and closed", { tls, alert in
                try tls.client.writeInbound(alert)
                tls.client.pipeline.fireErrorCaught(IOError(errnoCode: ECONNRESET, reason: "read"))
                tls.client.close(promise: nil)
            }),
            ("then closed and reset", { tls, alert in
                try tls.client.writeInbound(alert)
                tls.client.close(promise: nil)
                tls.client.pipeline.fireErrorCaught(IOError(errnoCode: ECONNRESET, reason: "read"))
            }),
        ]
        for (name, deliver) in deliveries {
            let tls = try InMemoryTLS(pki: try TestPKI.shared(), clientName: "other/intruder")
            try tls.handshakeUntilClientDone()
            #expect(tls.handshakeOutcome().map { (try? $0.get()) != nil } == true, "TLS 1.3: the client is done")
            let call = tls.call()
            try tls.clientToSite()
            let alert = try #require(try tls.siteBytes(), "the site answered with an alert")
            try deliver(tls, alert)
            let late = tls.call()
            tls.client.embeddedEventLoop.run()
            let expected = ClientError.tlsFailed(InMemoryTLS.address, reason: Self.unknownCA)
            #expect(call.errors == [expected], "\(name)")
            #expect(late.errors == [expected], "\(name): a call written while the connection closes")
            #expect(tls.failure.error == expected, "\(name)")
        }
    }

    @Test("refusing the site's certificate reads the same in every order of the error, a reset, an end and the close")
    func handshakeOrders() throws {
        let tlsError = try Self.siteRefusalError()
        let endOfStream = NIOSSLError.handshakeFailed(.sslError([.eofDuringHandshake]))
        let reason = try #require(TLSFailure.explain(tlsError, host: "127.0.0.1"))
        #expect(reason.hasPrefix(Self.siteNotSigned))
        let expected = ClientError.tlsFailed(InMemoryTLS.address, reason: reason)
        for order in Self.permutations(Report.allCases) {
            let pipeline = try ClientPipeline()
            for report in order { pipeline.deliver(report, tlsError: tlsError, endOfStream: endOfStream) }
            pipeline.channel.embeddedEventLoop.run()
            #expect(Self.failure(of: pipeline.handshakeOutcome()) == expected,
                    "\(order): \(String(describing: pipeline.handshakeOutcome()))")
            #expect(pipeline.failure.error == expected, "\(order)")
        }
    }

    @Test("the site's refusal of our certificate reaches every call in every order of alert, reset, end and close")
    func afterHandshakeOrders() throws {
        let alert = try Self.alertError(refusing: "expired")
        let expected = ClientError.tlsFailed(InMemoryTLS.address,
                                             reason: try #require(TLSFailure.explain(alert, host: "127.0.0.1")))
        for order in Self.permutations(Report.allCases) {
            let pipeline = try ClientPipeline()
            pipeline.completeHandshake()
            let before = CallOutcome.send(on: pipeline.channel)
            var during: [CallOutcome] = []
            for report in order {
                pipeline.deliver(report, tlsError: alert, endOfStream: NIOSSLError.uncleanShutdown)
                during.append(CallOutcome.send(on: pipeline.channel))
            }
            pipeline.channel.embeddedEventLoop.run()
            let after = CallOutcome.send(on: pipeline.channel)
            #expect(pipeline.handshakeOutcome().map { (try? $0.get()) != nil } == true)
            for (index, call) in ([before] + during).enumerated() {
                #expect(call.errors == [expected], "\(order), call \(index): \(call.errors)")
            }
            #expect(after.reason(pipeline.failure, address: InMemoryTLS.address) == expected,
                    "\(order), a call after the close: \(after.errors) \(after.writeErrors)")
            #expect(pipeline.failure.error == expected)
        }
    }

    @Test("the handshake timeout is named when nothing tells more, and nothing after the end counts")
    func timeout() throws {
        let tlsError = try Self.siteRefusalError()
        let timedOut = try ClientPipeline()
        timedOut.channel.embeddedEventLoop.advanceTime(by: TimeAmount(InMemoryTLS.timeout))
        timedOut.channel.pipeline.fireErrorCaught(tlsError)
        timedOut.channel.pipeline.fireErrorCaught(NIOSSLError.handshakeFailed(.sslError([.eofDuringHandshake])))
        timedOut.channel.embeddedEventLoop.run()
        let expected = ClientError.timedOut(InMemoryTLS.address, after: InMemoryTLS.timeout)
        #expect(Self.failure(of: timedOut.handshakeOutcome()) == expected)
        #expect(timedOut.failure.error == expected)

        let refused = try ClientPipeline()
        refused.channel.pipeline.fireErrorCaught(tlsError)
        refused.channel.embeddedEventLoop.run()
        refused.channel.embeddedEventLoop.advanceTime(by: TimeAmount(InMemoryTLS.timeout) * 2)
        guard case .failure(.tlsFailed)? = refused.handshakeOutcome() else {
            Issue.record("expected tlsFailed, got \(String(describing: refused.handshakeOutcome()))")
            return
        }
        #expect(refused.failure.error == Self.failure(of: refused.handshakeOutcome()))

        let quiet = try ClientPipeline()
        quiet.completeHandshake()
        quiet.channel.embeddedEventLoop.advanceTime(by: TimeAmount(InMemoryTLS.timeout) * 2)
        #expect(quiet.channel.isActive, "a completed handshake stops the clock")
    }

    @Test("NIO's own errors reach the operator as sentences, never as their raw names")
    func rawErrors() {
        let address = InMemoryTLS.address
        let closed: [any Error] = [
            ChannelPipelineError.notFound, ChannelError.ioOnClosedChannel, ChannelError.alreadyClosed,
            ChannelError.eof, IOError(errnoCode: ECONNRESET, reason: "read"),
            IOError(errnoCode: EPIPE, reason: "write"),
            NIOSSLError.uncleanShutdown, NIOSSLError.readInInvalidTLSState,
            NIOSSLError.handshakeFailed(.sslError([.eofDuringHandshake])),
        ]
        for error in closed {
            #expect(FailureAccount(error, address: address, timeout: .seconds(5)).error == .closedByPeer(address),
                    "\(error)")
        }
        let refused = FailureAccount(IOError(errnoCode: ECONNREFUSED, reason: "connect"), address: address,
                                     timeout: .seconds(5))
        #expect(refused.error.description == "cannot reach tls:127.0.0.1:7420: no daemon is listening at "
                + "127.0.0.1:7420 (ECONNREFUSED)")
        let timedOut = FailureAccount(ChannelError.connectTimeout(.seconds(5)), address: address, timeout: .seconds(5))
        #expect(timedOut.error == .timedOut(address, after: .seconds(5)))
        let odd = FailureAccount(ChannelError.badMulticastGroupAddressFamily, address: address, timeout: .seconds(5))
        #expect(odd.error.description.hasPrefix("cannot reach tls:127.0.0.1:7420: the connection failed: "))
    }
}
