#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import NIOCore

/// Turns the errors NIO reports while connecting into `ClientError`s that say what to check.
enum ConnectFailure {
    /// The `ClientError` for `error`, raised while connecting to `address` with `timeout`.
    static func clientError(for error: any Error, address: SiteAddress, timeout: Duration) -> ClientError {
        if let channelError = error as? ChannelError, case .connectTimeout = channelError {
            return .timedOut(address, after: timeout)
        }
        guard let ioError = error as? IOError else {
            return .unreachable(address, reason: "\(error)")
        }
        let location: String
        switch address {
        case .unix(let path): location = path
        case .tls(let host, let port): location = "\(host):\(port)"
        }
        switch ioError.errnoCode {
        case ENOENT:
            return .unreachable(address, reason: "no daemon is listening at \(location) (ENOENT: no such socket)")
        case ECONNREFUSED:
            return .unreachable(address, reason: "no daemon is listening at \(location) (ECONNREFUSED)")
        case EACCES, EPERM:
            return .unreachable(
                address,
                reason: "permission denied on \(location) (EACCES); ask an admin to add your user to a CommuneCast "
                    + "group"
            )
        default:
            return .unreachable(address, reason: "\(ioError)")
        }
    }
}
