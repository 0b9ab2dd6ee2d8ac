#if canImport(Glibc)
import Glibc
#endif
import ControlProtocol
import Logging
import NIOCore
import Synchronization

/// One connection on the Unix socket, served on a thread of its own with blocking reads and writes: the leanest
/// path the kernel offers for a client that polls (one `read` and one `write` per call, no event loop between).
///
/// The thread frames the messages, answers calls from memory itself (`ControlHandler.answerFromMemory`) and routes
/// every other message as the NIO path does; a call for the handler runs in a task while the thread writes what it
/// sends (`UnixReplyMailbox`) and watches the socket, so a client that leaves cancels its call. The idle timeout and
/// the message arrival bound are the socket's receive timeout, set only when a message is left half-read.
final class UnixConnection: Sendable {
    /// The server's number for the connection, in its budget and its log lines.
    let id: Int
    private let fd: Int32
    private let credentials: PeerCredentials
    let server: ControlServer
    let state = ConnectionState()
    let mailbox: UnixReplyMailbox
    /// Set once the server stops: the thread ends when what the client had sent is answered.
    let stopping = Atomic<Bool>(false)
    /// Whether the socket is still open; `stop` may only shut it down while it is.
    private let open = Mutex(true)

    /// Takes over an accepted socket; `fd` must be blocking.
    init(id: Int, fd: Int32, credentials: PeerCredentials, server: ControlServer) throws(ControlServerError) {
        self.id = id
        self.fd = fd
        self.credentials = credentials
        self.server = server
        mailbox = try UnixReplyMailbox()
    }

    /// Ends the connection once the calls the client has already sent are answered: wakes a read waiting for more,
    /// and ends a stream in progress.
    func stop() {
        stopping.store(true, ordering: .sequentiallyConsistent)
        open.withLock { open in
            if open { shutdown(fd, Int32(SHUT_RD)) }
        }
        mailbox.wake()
    }

    /// Serves the connection until either side ends it, then closes the socket; runs on the connection's thread.
    func run() {
        let identity = PeerIdentity.unix(uid: credentials.uid, gid: credentials.gid, pid: credentials.pid)
        var logger = server.logger
        logger[metadataKey: "conn"] = "\(id)"
        logger.debug("accepted control connection", metadata: ["peer": "\(identity)"])
        var session = Session(identity: identity, logger: logger)
        serve(&session)
        open.withLock { open in
            open = false
            close(fd)
        }
        mailbox.close()
    }

    /// What the thread keeps about the connection between reads.
    struct Session {
        let identity: PeerIdentity
        let logger: Logger
        /// The last call answered from memory and its message: a poller sends the same bytes every time.
        var lastCall: (frame: [UInt8], call: VarlinkCall)?
        /// Replies answered from memory, written together once the read's messages are done.
        var pending: [ByteBuffer] = []
    }

    private static let readBytes = 16 * 1024

    /// Reads, frames and answers until the connection must close.
    private func serve(_ session: inout Session) {
        let configuration = server.configuration
        let idle = configuration.idleTimeout
        var decoder = VarlinkFrameDecoder(
            maxFrameBytes: configuration.maxFrameBytes, methodFrameLimits: configuration.methodFrameLimits
        )
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: Self.readBytes, alignment: 1)
        defer { buffer.deallocate() }
        UnixSocketIO.setReceiveTimeout(fd, idle)
        var waitingForMessage = false
        var messageSince: ContinuousClock.Instant?
        let peer = "pid \(credentials.pid)"
        while true {
            let count = read(fd, buffer.baseAddress, buffer.count)
            if count > 0, decoder.bufferedByteCount == 0,
               let repeated = repeatedAnswer(UnsafeRawBufferPointer(rebasing: buffer[..<count]), session) {
                if let reply = repeated, !write(reply) { return }
                continue
            }
            if count > 0 {
                decoder.append(UnsafeRawBufferPointer(rebasing: buffer[..<count]))
                var completed = false
                do {
                    while let frame = try decoder.nextFrame() {
                        completed = true
                        guard act(on: frame, &session) else {
                            _ = flush(&session)
                            return
                        }
                    }
                } catch {
                    _ = flush(&session)
                    session.logger.notice("closed control connection", metadata: ["reason": "\(error)"])
                    return
                }
                guard flush(&session) else { return }
                if decoder.bufferedByteCount == 0 {
                    messageSince = nil
                    if waitingForMessage {
                        waitingForMessage = false
                        UnixSocketIO.setReceiveTimeout(fd, idle)
                    }
                    continue
                }
                // Part of a message is in: the read may wait only what is left of its arrival bound, counted from
                // its first byte (or the end of the calls answered before it), however the bytes trickle in.
                if completed || messageSince == nil { messageSince = .now }
                guard let since = messageSince, waitForRest(of: decoder, since: since, session) else { return }
                waitingForMessage = true
                continue
            }
            if count == 0 {
                session.logger.debug("control connection closed")
                return
            }
            switch errno {
            case EINTR:
                continue
            case EAGAIN, EWOULDBLOCK:
                guard let since = messageSince else {
                    session.logger.info("closing idle connection", metadata: ["peer": "\(peer)", "idle": "\(idle)"])
                    return
                }
                guard waitForRest(of: decoder, since: since, session) else { return }
            default:
                session.logger.debug(
                    "control connection ended", metadata: ["reason": "\(SystemErrorText.text(for: errno))"]
                )
                return
            }
        }
    }

    /// The answer from memory when `bytes` are exactly the last call answered from memory again, with its NUL (a
    /// poller's next poll), found without framing or decoding: `.some(nil)` for a `oneway` call; `nil` for anything
    /// else, which takes the ordinary path.
    private func repeatedAnswer(_ bytes: UnsafeRawBufferPointer, _ session: Session) -> ByteBuffer?? {
        guard let last = session.lastCall, bytes.count == last.frame.count + 1, bytes[bytes.count - 1] == 0,
              last.frame.withUnsafeBytes({ memcmp($0.baseAddress!, bytes.baseAddress!, $0.count) == 0 }),
              let reply = server.handler.answerFromMemory(last.call, from: session.identity) else { return nil }
        session.logger.debug("call", metadata: ["method": "\(last.call.method)", "answered": "from memory"])
        return .some(last.call.oneway ? nil : reply.frame)
    }

    /// Sets the next read to wait what is left of the arrival bound of the message begun `since`; `false` (and
    /// logged) if nothing is left.
    private func waitForRest(
        of decoder: VarlinkFrameDecoder, since: ContinuousClock.Instant, _ session: Session
    ) -> Bool {
        let bound = arrivalBound(decoder)
        let remaining = since + bound - .now
        guard remaining > .zero else {
            session.logger.notice(
                "closing connection: a message did not arrive whole in time",
                metadata: ["peer": "pid \(credentials.pid)", "bound": "\(bound)"]
            )
            return false
        }
        UnixSocketIO.setReceiveTimeout(fd, remaining)
        return true
    }

    /// How long the message arriving may take: its method's bound once its method has arrived, else the default.
    private func arrivalBound(_ decoder: VarlinkFrameDecoder) -> Duration {
        let configuration = server.configuration
        return decoder.bufferedMethod.flatMap { configuration.methodMessageTimeouts[$0] }
            .map { max($0, configuration.messageTimeout) } ?? configuration.messageTimeout
    }

    /// Writes the replies answered from memory; `false` if the client is gone.
    func flush(_ session: inout Session) -> Bool {
        defer { session.pending.removeAll(keepingCapacity: true) }
        for frame in session.pending where !write(frame) { return false }
        return true
    }

    /// Writes one reply; gives up on a client that does not read once the server stops.
    func write(_ frame: ByteBuffer) -> Bool {
        UnixSocketIO.write(frame, to: fd, wake: mailbox.wakeDescriptor) {
            mailbox.drain()
            return stopping.load(ordering: .sequentiallyConsistent)
        }
    }

    /// Waits until the client leaves (or the server stops) or the mailbox has news; returns whether the client left.
    func waitForNews(watchingClient: Bool) -> Bool {
        var fds = [pollfd(fd: mailbox.wakeDescriptor, events: Int16(POLLIN), revents: 0),
                   pollfd(fd: watchingClient ? fd : -1, events: 0, revents: 0)]
        while poll(&fds, 2, -1) < 0, errno == EINTR {}
        // Hang-up: the client closed its socket (the server's own shutdown of the reading side is not one).
        return fds[1].revents & (Int16(POLLHUP) | Int16(POLLERR)) != 0
    }
}
