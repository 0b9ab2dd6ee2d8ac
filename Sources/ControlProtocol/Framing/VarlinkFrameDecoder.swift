/// Splits an incoming byte stream into varlink messages, each of which ends with one NUL byte.
///
/// The decoder does no I/O: the transport `append`s whatever chunks it reads (split anywhere, several
/// messages per chunk) and then drains complete messages with `nextFrame()` until it returns `nil`.
/// Draining after every append bounds memory to the frame limit plus one chunk: as soon as the bytes
/// of an unterminated message exceed the limit, `nextFrame()` reports `.frameTooLarge` instead of waiting
/// for a NUL that may never come.
///
/// Limits are per message. `maxFrameBytes` applies to everything (64 KiB in the daemon), and may be
/// changed at any time. `methodFrameLimits` raises it for named methods (`io.communecast.Site.UploadMedia`
/// to 16 MiB): when a message outgrows `maxFrameBytes`, the decoder looks for `"method"` as the first key
/// of the object, which is how our CLI, the Python `varlink` package and systemd's clients all write calls.
public struct VarlinkFrameDecoder: Sendable {
    /// The default limit, in bytes, of one message without its NUL.
    public var maxFrameBytes: Int
    /// Larger limits for calls of particular methods, keyed by fully qualified method name.
    public var methodFrameLimits: [String: Int]

    private var buffer: [UInt8] = []
    private var frameStart = 0
    private var scanned = 0
    private var pendingLimit: Int?
    private var failure: VarlinkFrameError?

    /// Creates a decoder with a default limit and optional larger limits for named methods.
    public init(maxFrameBytes: Int = 64 * 1024, methodFrameLimits: [String: Int] = [:]) {
        self.maxFrameBytes = maxFrameBytes
        self.methodFrameLimits = methodFrameLimits
    }

    /// How many bytes are held that have not yet been returned as a message.
    public var bufferedByteCount: Int {
        buffer.count - frameStart
    }

    /// The method named at the start of the message being buffered, once its `"method"` key has arrived; the
    /// server gives messages of some methods (uploads) longer to arrive.
    public var bufferedMethod: String? {
        guard bufferedByteCount > 0 else { return nil }
        return VarlinkMethodSniffer.leadingMethod(in: buffer[frameStart...])
    }

    /// Adds bytes read from the transport.
    public mutating func append(_ chunk: some Collection<UInt8>) {
        if frameStart > 0, frameStart * 2 >= buffer.count {
            buffer.removeSubrange(0..<frameStart)
            scanned -= frameStart
            frameStart = 0
        }
        buffer.append(contentsOf: chunk)
    }

    /// Returns the next complete message without its NUL, or `nil` until more bytes arrive.
    ///
    /// After an error every later call throws the same error: the caller is expected to close the connection.
    public mutating func nextFrame() throws(VarlinkFrameError) -> [UInt8]? {
        if let failure { throw failure }
        if let terminator = buffer[scanned...].firstIndex(of: 0) {
            let length = terminator - frameStart
            if length == 0 { try fail(.emptyFrame) }
            if length > maxFrameBytes { try checkRaisedLimit(length: length) }
            let frame = Array(buffer[frameStart..<terminator])
            frameStart = terminator + 1
            scanned = frameStart
            pendingLimit = nil
            return frame
        }
        scanned = buffer.count
        let length = buffer.count - frameStart
        if length > maxFrameBytes { try checkRaisedLimit(length: length) }
        return nil
    }

    private mutating func checkRaisedLimit(length: Int) throws(VarlinkFrameError) {
        let limit = pendingLimit ?? raisedLimit()
        pendingLimit = limit
        if length > limit { try fail(.frameTooLarge(limit: limit)) }
    }

    private mutating func fail(_ error: VarlinkFrameError) throws(VarlinkFrameError) -> Never {
        failure = error
        buffer = []
        frameStart = 0
        scanned = 0
        throw error
    }

    /// The limit for the message being buffered: a method's own limit if it names one, else the default.
    private func raisedLimit() -> Int {
        guard !methodFrameLimits.isEmpty,
            let method = VarlinkMethodSniffer.leadingMethod(in: buffer[frameStart...]),
            let limit = methodFrameLimits[method]
        else { return maxFrameBytes }
        return max(limit, maxFrameBytes)
    }
}
