import Foundation

/// One message on a site's event topic (docs/call-home.md, "Events"): what became of an alert, or an as-run line.
/// The office gathers these to report each site's result of a push.
public struct SiteEvent: Sendable, Equatable, Codable {
    /// What happened.
    public enum Kind: String, Sendable, Codable {
        /// The alert passed every check and is in force (or was already: `code` is `duplicate`).
        case alertReceived = "alert.received"
        /// The alert aired (an as-run line follows).
        case alertAired = "alert.aired"
        /// The alert was refused: `code` is the verifier's stable code, `message` its sentence.
        case alertRefused = "alert.refused"
        /// The alert's media could not be fetched or did not match its hash; it will not air.
        case mediaMissing = "media.missing"
        /// A signed configuration was applied (`message` says what: the groups now subscribed to).
        case configApplied = "config.applied"
        /// A signed configuration was refused: `code` is the verifier's stable code, `message` its sentence.
        case configRefused = "config.refused"
        /// An as-run line (`line` holds it as JSON text).
        case asRun = "asrun"
    }

    /// What happened.
    public var type: Kind
    /// When, by the site's clock.
    public var at: Date
    /// The alert (`ISSUER/ID`), for alert events.
    public var alert: String?
    /// A stable code (`duplicate`, `signature_too_old`…), for refusals.
    public var code: String?
    /// A sentence for people.
    public var message: String?
    /// The as-run line, as JSON text.
    public var line: String?

    /// An event.
    public init(type: Kind, at: Date, alert: String? = nil, code: String? = nil, message: String? = nil,
                line: String? = nil) {
        self.type = type
        self.at = at
        self.alert = alert
        self.code = code
        self.message = message
        self.line = line
    }

    /// The JSON payload.
    public var payload: [UInt8] { UplinkJSON.encode(self) }

    /// Reads an event payload.
    public init(payload: [UInt8]) throws {
        self = try UplinkJSON.decode(SiteEvent.self, from: payload)
    }
}
