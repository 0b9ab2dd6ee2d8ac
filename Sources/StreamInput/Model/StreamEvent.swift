import Foundation

/// Something that happened to a stream, for the as-run log (stage 2 writes each one) and the daemon's log: every
/// URL failure and every switch, with its typed cause.
public struct StreamEvent: Sendable, Equatable {
    /// Why playback moved from one source to another.
    public enum SwitchCause: Sendable, Equatable {
        /// The first source to play after the reader started.
        case started
        /// The source playing failed.
        case failed(StreamFailure)
        /// No URL was playing `switchDeadline` seconds after the failure, so the fallback took over.
        case deadline
        /// A better URL (the primary, or any URL after the fallback) was healthy for `seconds` seconds.
        case recovered(seconds: Double)
    }

    /// What happened.
    public enum Kind: Sendable, Equatable {
        /// A URL could not be played, or stopped playing; playback may not have been on it.
        case failed(url: String, failure: StreamFailure)
        /// Playback moved to `to`.
        case switched(from: StreamSource?, to: StreamSource, cause: SwitchCause)
        /// The reader was stopped.
        case stopped
    }

    /// What happened.
    public var kind: Kind
    /// When, on the wall clock, for the as-run log.
    public var date: Date

    /// Creates an event.
    public init(kind: Kind, date: Date) {
        self.kind = kind
        self.date = date
    }
}

extension StreamEvent: CustomStringConvertible {
    public var description: String {
        switch kind {
        case let .failed(url, failure): "\(url): \(failure)"
        case let .switched(from, to, cause):
            "playing \(to)" + (from.map { " instead of \($0)" } ?? "") + " (\(cause))"
        case .stopped: "stopped"
        }
    }
}

extension StreamEvent.SwitchCause: CustomStringConvertible {
    public var description: String {
        switch self {
        case .started: "started"
        case let .failed(failure): "\(failure)"
        case .deadline: "no alternative was playing in time"
        case let .recovered(seconds): "back after \(Int(seconds.rounded())) s healthy"
        }
    }
}
