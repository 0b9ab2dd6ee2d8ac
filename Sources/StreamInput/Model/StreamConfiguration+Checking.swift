extension StreamConfiguration {
    /// Checks what can be known before connecting: at least one URL, each `http://` or `https://` with a host.
    /// Callers that accept a stream from an operator (a play, a schedule) refuse it here with a message naming the
    /// URL, rather than queueing an item whose every attempt fails.
    public func check() throws(StreamFailure) {
        guard !urls.isEmpty else { throw .badURL(reason: "no URL given") }
        for url in urls { _ = try StreamURL(url) }
    }
}
