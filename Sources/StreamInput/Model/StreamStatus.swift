import BroadcastModel

/// A stream reader's state for health and `monitor`, as one value read under one lock.
public struct StreamStatus: Sendable, Equatable {
    /// The states an operator sees: the package's one stream-state type.
    public typealias State = StreamState

    /// The state now.
    public var state: State
    /// What is on air, if anything.
    public var source: StreamSource?
    /// Decoded audio in hand, seconds.
    public var bufferSeconds: Double
    /// The playback rate adjustment now applied against drift, parts per million.
    public var rateAdjustmentPPM: Int
    /// Silence played for want of data since the reader started, seconds.
    public var underrunSeconds: Double
    /// Switches since the reader started (the first source counts as one).
    public var switches: Int
    /// The last failure of any URL.
    public var lastFailure: StreamFailure?
    /// The OpusTags comments of what is on air (`COMMUNECAST_LEVEL=…` from `communecast live`).
    public var comments: [String]

    /// Creates a status.
    public init(state: State, source: StreamSource? = nil, bufferSeconds: Double = 0, rateAdjustmentPPM: Int = 0,
                underrunSeconds: Double = 0, switches: Int = 0, lastFailure: StreamFailure? = nil,
                comments: [String] = []) {
        self.state = state
        self.source = source
        self.bufferSeconds = bufferSeconds
        self.rateAdjustmentPPM = rateAdjustmentPPM
        self.underrunSeconds = underrunSeconds
        self.switches = switches
        self.lastFailure = lastFailure
        self.comments = comments
    }
}
