/// One CAP `info` block: an event in one language, with its urgency, severity and certainty, its text, resources
/// and areas.
public struct CAPInfo: Sendable, Hashable {
    /// RFC 5646 language tag; CAP's default when the element is absent is `en-US`.
    public var language: String
    /// Whether `language` was given (a missing one reads as `en-US`).
    public var languageGiven: Bool
    /// One or more categories.
    public var categories: [CAPCategory]
    /// The event, free text.
    public var event: String
    /// Recommended responses.
    public var responseTypes: [CAPResponseType]
    /// How soon to act.
    public var urgency: CAPUrgency
    /// How bad.
    public var severity: CAPSeverity
    /// How sure.
    public var certainty: CAPCertainty
    /// The intended audience, free text.
    public var audience: String?
    /// System-specific event codes.
    public var eventCodes: [CAPValuePair]
    /// When the information takes effect.
    public var effective: CAPTime?
    /// When the event is expected to begin.
    public var onset: CAPTime?
    /// When the information stops being valid.
    public var expires: CAPTime?
    /// The issuing agency's name.
    public var senderName: String?
    /// A brief human-readable headline.
    public var headline: String?
    /// The hazard, in words.
    public var description: String?
    /// What to do, in words.
    public var instruction: String?
    /// A link to more.
    public var web: String?
    /// Who to contact.
    public var contact: String?
    /// System-specific parameters.
    public var parameters: [CAPValuePair]
    /// Attached files (audio, images...).
    public var resources: [CAPResource]
    /// Where it applies.
    public var areas: [CAPArea]
    /// The element's path in the message, for findings (`alert/info[2]`).
    public var path: String

    /// The first parameter named `name`.
    public func parameter(_ name: String) -> String? {
        parameters.first { $0.name == name }?.value
    }
}

/// A `valueName` and `value` pair (`eventCode`, `parameter`, `geocode`).
public struct CAPValuePair: Sendable, Hashable {
    /// The system-specific name.
    public var name: String
    /// The value.
    public var value: String

    /// Creates a pair.
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// A CAP `resource`: a file that goes with the information, inline (`derefUri`, base64) or by `uri`.
public struct CAPResource: Sendable, Hashable {
    /// What it is, free text.
    public var description: String
    /// Its MIME type, as written.
    public var mimeType: String
    /// Its size in bytes, if given.
    public var size: Int?
    /// Where to fetch it.
    public var uri: String?
    /// The file itself, base64, if inline.
    public var derefUri: String?
    /// The SHA-1 of the file, hex, if given.
    public var digest: String?
    /// The element's path, for findings.
    public var path: String
}
