import ControlProtocol

/// Why a call to a site did not produce a result, sorted the way fan-out reports sites: unreachable, timed out,
/// refused by the daemon, or broken.
public enum ClientError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Nothing accepted the connection; `reason` says what the system reported.
    case unreachable(SiteAddress, reason: String)
    /// A `tls:` address was given without the CA to verify the site against.
    case tlsCredentialsRequired(SiteAddress)
    /// A certificate, key or CA file for TLS is missing or unusable.
    case tlsCredentials(path: String, reason: String)
    /// The TLS handshake failed: the site refused our certificate, or we refused the site's; `reason` says which.
    case tlsFailed(SiteAddress, reason: String)
    /// The connection was not established within the time allowed.
    case timedOut(SiteAddress, after: Duration)
    /// The daemon closed the connection before the call was answered.
    case closedByPeer(SiteAddress)
    /// The caller's task was cancelled (a fan-out deadline, Ctrl-C) before the call was answered.
    case cancelled(SiteAddress)
    /// The daemon answered with a varlink error, such as `io.communecast.Site.NotFound`.
    case remote(VarlinkError)
    /// The daemon answered a typed call with `PermissionDenied`; `needs` is the role the method's declaration says
    /// the call needed.
    case permissionDenied(method: String, needs: Role)
    /// The daemon sent something that is not a valid varlink reply, or not the reply this version expects.
    case protocolViolation(SiteAddress, reason: String)

    /// A sentence a person reading CLI output can act on.
    public var description: String {
        switch self {
        case .unreachable(let address, let reason):
            "cannot reach \(address): \(reason)"
        case .tlsCredentialsRequired(let address):
            "cannot reach \(address): a TLS site needs the provincial CA (--ca or COMMUNECAST_CA) to check the "
                + "site's certificate, and your certificate and key (--cert and --key)"
        case .tlsCredentials(let path, let reason):
            "cannot use \(path) for TLS: \(reason)"
        case .tlsFailed(let address, let reason):
            "TLS with \(address) failed: \(reason)"
        case .timedOut(let address, let duration):
            "no answer from \(address) within \(duration)"
        case .closedByPeer(let address):
            "the daemon at \(address) closed the connection before answering"
        case .cancelled(let address):
            "the call to \(address) was cancelled before the site answered"
        case .remote(let error):
            switch error.disposition {
            case .refused: "the site refused the call: \(error.explanation)"
            case .failed: "the site could not carry out the call: \(error.explanation)"
            }
        case .permissionDenied(let method, let role):
            "the site refused the call: \(Self.denial(method: method, needs: role))"
        case .protocolViolation(let address, let reason):
            "the daemon at \(address) sent an invalid reply (\(reason)); is it the same version as this CLI?"
        }
    }

    /// The sentence for a refused role: the method, the role it needs, and where the caller's role comes from.
    static func denial(method: String, needs role: Role) -> String {
        let member = method.split(separator: ".").last.map(String.init) ?? method
        return "permission denied: \(member) needs the \(role) role or higher (on the site itself your Unix groups "
            + "decide, over TLS your certificate's entry in the site's ACL)"
    }
}
