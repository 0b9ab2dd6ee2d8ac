#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import NIOCore
import NIOSSL

/// One report of why a connection to a site failed, turned into the `ClientError` an operator reads, with how much
/// that error tells them.
///
/// A failing connection reports itself several times, in an order that depends on timing: a TLS verification error
/// or an alert from the site, a reset, the end of the stream, NIO's own close, a timer. Each handler that sees one
/// records it in the connection's ``ConnectionFailure``, which keeps the most telling, so the operator reads the same
/// sentence whatever the order. NIO's own errors (`notFound`, `ioOnClosedChannel`) never reach the operator as they
/// are: each becomes a sentence.
struct FailureAccount: Sendable {
    /// How much an account tells the operator, least first.
    enum Weight: Int, Comparable, Sendable {
        /// The connection closed, was reset or ended: true of every failure, so it explains none.
        case closed
        /// Something failed in a way we cannot name (a TLS error or an errno we have no sentence for).
        case unexplained
        /// Nothing happened within the time allowed.
        case timedOut
        /// A failure we can name: a TLS refusal and its reason, a reply that breaks the protocol, a missing socket.
        case explained

        static func < (lhs: Weight, rhs: Weight) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    /// What the operator reads.
    let error: ClientError
    /// How much it tells them.
    let weight: Weight

    /// What a local user refused by the socket's permissions must ask for: the socket's group, which every user of it
    /// needs whatever their role (docs/security.md), and the group of the role.
    static let socketAccessAdvice = "every user of the socket must be in the group communecast as well as in the "
        + "group of their role (communecast-operator, communecast-provincial or communecast-admin); ask an admin: "
        + "sudo usermod -aG communecast,communecast-operator $USER, then log in again"

    /// An account that says only that the connection to `address` closed.
    static func closed(_ address: SiteAddress) -> FailureAccount {
        FailureAccount(error: .closedByPeer(address), weight: .closed)
    }

    /// The account of the connection to `address` not getting anywhere within `timeout`.
    static func timedOut(_ address: SiteAddress, after timeout: Duration) -> FailureAccount {
        FailureAccount(error: .timedOut(address, after: timeout), weight: .timedOut)
    }

    private init(error: ClientError, weight: Weight) {
        self.error = error
        self.weight = weight
    }

    /// Classifies what NIO, NIOSSL or our own handlers reported for the connection to `address`; `timeout` is the
    /// time the connection was allowed, named when that was what failed.
    init(_ error: any Error, address: SiteAddress, timeout: Duration) {
        if let clientError = error as? ClientError {
            self.init(error: clientError, weight: Self.weight(of: clientError))
        } else if let channelError = error as? ChannelError {
            self = Self.account(channelError, address: address, timeout: timeout)
        } else if error is ChannelPipelineError {
            // The pipeline is taken apart when the connection closes; whatever looked for a handler came too late.
            self = .closed(address)
        } else if let ioError = error as? IOError {
            self = Self.account(errno: ioError.errnoCode, error: ioError, address: address, timeout: timeout)
        } else if let sslError = error as? NIOSSLError, Self.isClosure(sslError) {
            self = .closed(address)
        } else if case .tls(let host, _) = address, TLSFailure.isTLSError(error) {
            if let reason = TLSFailure.explain(error, host: host) {
                self.init(error: .tlsFailed(address, reason: reason), weight: .explained)
            } else {
                self.init(error: .tlsFailed(address, reason: "TLS failed: \(error)"), weight: .unexplained)
            }
        } else {
            self.init(error: .unreachable(address, reason: "the connection failed: \(error)"), weight: .unexplained)
        }
    }

    private static func weight(of error: ClientError) -> Weight {
        switch error {
        case .closedByPeer, .cancelled: .closed
        case .timedOut: .timedOut
        default: .explained
        }
    }

    private static func account(_ error: ChannelError, address: SiteAddress, timeout: Duration) -> FailureAccount {
        switch error {
        case .connectTimeout:
            .timedOut(address, after: timeout)
        case .ioOnClosedChannel, .alreadyClosed, .eof, .outputClosed, .inputClosed:
            .closed(address)
        default:
            FailureAccount(error: .unreachable(address, reason: "the connection failed: \(error)"),
                           weight: .unexplained)
        }
    }

    private static func account(
        errno code: Int32, error: IOError, address: SiteAddress, timeout: Duration
    ) -> FailureAccount {
        let location: String
        switch address {
        case .unix(let path): location = path
        case .tls(let host, let port): location = "\(host):\(port)"
        }
        func explained(_ reason: String) -> FailureAccount {
            FailureAccount(error: .unreachable(address, reason: reason), weight: .explained)
        }
        switch code {
        case ECONNRESET, EPIPE:
            return .closed(address)
        case ETIMEDOUT:
            return .timedOut(address, after: timeout)
        case ENOENT:
            return explained("no daemon is listening at \(location) (ENOENT: no such socket)")
        case ECONNREFUSED:
            return explained("no daemon is listening at \(location) (ECONNREFUSED)")
        case EACCES, EPERM:
            return explained("permission denied on \(location) (EACCES); \(Self.socketAccessAdvice)")
        case EHOSTUNREACH, ENETUNREACH:
            return explained("no route to \(location) (\(code == EHOSTUNREACH ? "EHOSTUNREACH" : "ENETUNREACH")); "
                             + "is the site's network up?")
        default:
            return FailureAccount(error: .unreachable(address, reason: "the connection failed: \(error)"),
                                  weight: .unexplained)
        }
    }

    /// Whether NIOSSL reports only that the stream ended: an end of file without TLS's close or during the
    /// handshake, or bytes that arrived after the connection was closed.
    private static func isClosure(_ error: NIOSSLError) -> Bool {
        switch error {
        case .uncleanShutdown, .readInInvalidTLSState:
            return true
        case .handshakeFailed(.sslError(let stack)):
            return !stack.isEmpty && stack.allSatisfy {
                $0 == .eofDuringHandshake || $0 == .eofDuringAdditionalCertficiateChainValidation
            }
        default:
            return false
        }
    }
}
