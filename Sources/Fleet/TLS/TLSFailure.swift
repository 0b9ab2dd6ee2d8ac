import NIOSSL

/// Explains a TLS error in terms of what the operator should check: whose certificate was refused, by whom, and why.
///
/// BoringSSL reports reasons as names (`TLSV1_ALERT_UNKNOWN_CA`); an alert received from the site means the site
/// refused us, a verification failure on our side means we refused the site.
enum TLSFailure {
    /// Whether `error` comes from TLS (NIOSSL or BoringSSL) rather than from the socket.
    static func isTLSError(_ error: any Error) -> Bool {
        error is NIOSSLError || error is BoringSSLError || error is NIOSSLExtraError
    }

    /// The explanation for `error`, or `nil` when it is not a TLS error this knows how to explain.
    static func explain(_ error: any Error, host: String) -> String? {
        if let extra = error as? NIOSSLExtraError, extra == .failedToValidateHostname {
            return "the site's certificate is not valid for \(host) (its subjectAltName does not name it); "
                + "dial the name or address the certificate was issued for"
        }
        guard isTLSError(error) else { return nil }
        let text = String(describing: error)
        let reasons: [(marker: String, meaning: String)] = [
            ("CERTIFICATE_REQUIRED",
             "the site requires a client certificate; give --cert and --key (or COMMUNECAST_CERT and COMMUNECAST_KEY)"),
            ("ALERT_UNKNOWN_CA",
             "the site refused our certificate: it is not signed by the CA the site trusts for clients"),
            ("ALERT_CERTIFICATE_EXPIRED",
             "the site refused our certificate: it has expired or is not valid yet; ask for a new one"),
            ("ALERT_BAD_CERTIFICATE", "the site refused our certificate"),
            ("ALERT_CERTIFICATE_REVOKED", "the site refused our certificate: it has been revoked"),
            ("ALERT_PROTOCOL_VERSION", "the site does not accept TLS 1.3"),
            ("UNSUPPORTED_PROTOCOL", "the site does not accept TLS 1.3"),
            ("CERTIFICATE_VERIFY_FAILED",
             "the site's certificate is not signed by the CA in --ca, or it has expired or is not valid yet"),
            ("WRONG_VERSION_NUMBER", "the site did not answer with TLS; is this the site's TLS port?"),
        ]
        return reasons.first { text.contains($0.marker) }?.meaning
    }
}
