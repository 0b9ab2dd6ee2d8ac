import Uplink

/// Why the office could not work through the broker, in a sentence naming the broker.
public enum BrokerError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No connection within the deadline; the last failure, if any.
    case cannotConnect(broker: String, failure: UplinkFailure?)
    /// A publish failed.
    case publishFailed(topic: String, UplinkError)
    /// No reply to a request within the deadline.
    case noReply(site: String, after: Duration)
    /// The alert has already expired: publishing it would reach nobody.
    case expired(id: String)
    /// The office's name cannot be a topic level (it must be the CN of the office's certificate).
    case invalidOfficeName(String)

    /// The problem in a sentence.
    public var description: String {
        switch self {
        case .cannotConnect(let broker, let failure?): "cannot connect to the broker \(broker): \(failure)"
        case .cannotConnect(let broker, nil): "cannot connect to the broker \(broker) in time"
        case .publishFailed(let topic, let error): "cannot publish to \(topic): \(error)"
        case .noReply(let site, let after): "\(site) did not reply within \(after)"
        case .expired(let id): "the alert '\(id)' has already expired; nothing was published"
        case .invalidOfficeName(let name):
            "the office name '\(name)' cannot be used in a topic; it must be the CN of the office's certificate"
        }
    }
}
