import ControlProtocol
import ControlServer
import Store

extension PeerIdentity {
    /// The issuer of the alerts this caller pushes, from what the transport vouches for and never from the message:
    /// the local user, or the client certificate's subject.
    var alertIssuer: String {
        switch transport {
        case .unix(let uid, _, _): AlertKey.unixIssuer(userName: userName, uid: uid)
        case .tls(let subject, _), .broker(let subject, _): AlertKey.tlsIssuer(subject: subject)
        }
    }
}
