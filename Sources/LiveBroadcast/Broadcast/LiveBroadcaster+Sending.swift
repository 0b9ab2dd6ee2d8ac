import Foundation

extension LiveBroadcaster {
    /// The sending thread: sends what the capture thread queued, and on a loss closes, waits, reconnects and starts
    /// again with the headers. While disconnected, pages are dropped as they come, so a reconnect resumes with the
    /// present. Ends when the queue is closed and drained.
    func send(on first: ShoutConnection) {
        var connection = first
        var connected = true
        var attempt = 1
        var backoff = settings.reconnectInitial
        var retryAt = 0.0
        while true {
            wake.wait()
            let (pages, closed) = queue.takeAll()
            if !connected, Date().timeIntervalSinceReferenceDate >= retryAt, !closed {
                attempt += 1
                do {
                    let fresh = try makeConnection()
                    try fresh.open()
                    connection = fresh
                    try sendHeaders(on: connection)
                    connected = true
                    backoff = settings.reconnectInitial
                    counters.withLock { $0.connections += 1 }
                    onEvent(.connected(attempt: attempt))
                } catch {
                    connection.close()
                    logger.warning("live: reconnection failed: \(error)")
                    retryAt = Date().timeIntervalSinceReferenceDate + backoff
                    onEvent(.retrying(seconds: backoff))
                    backoff = min(backoff * 2, settings.reconnectMax)
                }
            }
            if connected {
                for (index, page) in pages.enumerated() {
                    do {
                        try send(page, on: connection)
                        counters.withLock {
                            $0.pagesSent += 1
                            $0.bytesSent += page.count
                        }
                    } catch {
                        connection.close()
                        connected = false
                        counters.withLock { $0.pagesDropped += pages.count - index }
                        onEvent(.disconnected(error))
                        retryAt = Date().timeIntervalSinceReferenceDate + backoff
                        onEvent(.retrying(seconds: backoff))
                        backoff = min(backoff * 2, settings.reconnectMax)
                        break
                    }
                }
            } else {
                counters.withLock { $0.pagesDropped += pages.count }
            }
            if closed { break }
        }
        connection.close()
        senderDone.signal()
    }

    /// Sends the stream's header pages, which must open every connection.
    func sendHeaders(on connection: ShoutConnection) throws(LiveError) {
        for header in queue.headers {
            try send(header, on: connection)
            counters.withLock { $0.bytesSent += header.count }
        }
    }

    /// Sends one page.
    private func send(_ page: [UInt8], on connection: ShoutConnection) throws(LiveError) {
        var failure: LiveError?
        page.withUnsafeBytes { bytes in
            do throws(LiveError) { try connection.send(bytes) } catch { failure = error }
        }
        if let failure { throw failure }
    }
}
