/// The files of the uplink's mutual TLS: the CA that signed the broker's certificate, and our certificate (whose CN
/// the broker uses as our username and client id) with its key. All PEM.
public struct UplinkCredentials: Sendable, Equatable {
    /// The CA to check the broker's certificate against (the provincial CA).
    public var caPath: String
    /// Our certificate: for a site, CN = the site's name and extended key usage `clientAuth`.
    public var certificatePath: String
    /// Our private key.
    public var keyPath: String

    /// Credentials from the three paths.
    public init(caPath: String, certificatePath: String, keyPath: String) {
        self.caPath = caPath
        self.certificatePath = certificatePath
        self.keyPath = keyPath
    }
}
