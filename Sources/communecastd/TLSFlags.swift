import ArgumentParser
import Daemon

/// The remote-control listener's flags; each overrides its key in the configuration's `tls:` map.
struct TLSFlags: ParsableArguments {
    @Option(name: .customLong("tls-listen"), help: ArgumentHelp(
        "Also listen for remote clients over mutual TLS 1.3 on HOST:PORT, e.g. 0.0.0.0:7420 or [::]:7420 "
            + "(tls.listen). Needs the four options below.", valueName: "host:port"
    ))
    var listen: String?

    @Option(name: .customLong("tls-cert"), help: ArgumentHelp(
        "The site's certificate chain, PEM (tls.cert).", valueName: "pem"
    ))
    var certificate: String?

    @Option(name: .customLong("tls-key"), help: ArgumentHelp("The site certificate's private key, PEM (tls.key).",
                                                            valueName: "pem"))
    var key: String?

    @Option(name: .customLong("tls-client-ca"), help: ArgumentHelp(
        "The CA that signs staff client certificates, PEM (tls.client_ca). Clients without a certificate it signed "
            + "and that is valid now fail the handshake.", valueName: "pem"
    ))
    var clientCA: String?

    @Option(name: .customLong("acl"), help: ArgumentHelp(
        "YAML file mapping client certificates (subject CN or SHA-256 fingerprint) to roles (tls.acl). Re-read "
            + "when it changes; clients not listed are refused every call.", valueName: "file"
    ))
    var acl: String?

    /// The flags as settings that override the configuration file's.
    var settings: TLSSettings {
        TLSSettings(listen: listen, certificate: certificate, key: key, clientCA: clientCA, acl: acl)
    }
}
