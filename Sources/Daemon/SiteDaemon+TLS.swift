extension SiteDaemon {
    /// The TLS listener's line of `--check-config`'s summary.
    var tlsSummary: String {
        guard let tls else { return "tls off (no tls.listen or --tls-listen)" }
        let listener = tls.configuration
        let host = listener.host.contains(":") ? "[\(listener.host)]" : listener.host
        return "tls \(host):\(listener.port), handshake timeout \(listener.handshakeTimeout), "
            + "acl \(tls.acl.path) (\(tls.acl.summary))"
    }
}
