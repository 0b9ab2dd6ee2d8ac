#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import NIOCore

/// Turns the errors NIO reports while connecting into `ClientError`s that say what to check.
enum ConnectFailure {
    /// What a local user refused by the socket's permissions must ask for: the socket's group, which every user of it
    /// needs whatever their role (docs/security.md), and the group of the role.
    static let socketAccessAdvice = "every user of the socket must be in the group communecast as well as in the "
        + "group of their role (communecast-operator, communecast-provincial or communecast-admin); ask an admin: "
        + "sudo usermod -aG communecast,communecast-operator $USER, then log in again"

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
            return .unreachable(address, reason: "permission denied on \(location) (EACCES); \(socketAccessAdvice)")
        default:
            return .unreachable(address, reason: "\(ioError)")
        }
    }
}
