import BroadcastModel
import ControlProtocol
import Foundation

extension AlertPayload {
    /// The payload's JSON text: compact, sorted keys, times in RFC 3339 UTC.
    public var jsonBytes: [UInt8] {
        var contentMembers: [String: JSONValue] = ["tone": .bool(content.tone)]
        if let media = content.media { contentMembers["media"] = .string(media) }
        if let text = content.text { contentMembers["text"] = .string(text) }
        if let stream = content.stream { contentMembers["stream"] = .array(stream.map(JSONValue.string)) }
        if let duration = content.durationSeconds { contentMembers["duration_s"] = .integer(Int64(duration)) }
        var members: [String: JSONValue] = [
            "version": .integer(Int64(version)),
            "issuer": .string(issuer),
            "id": .string(id),
            "sent": .string(Self.timeText(sent)),
            "expires": .string(Self.timeText(expires)),
            "audience": .object([
                "sites": .array(audience.sites.map(JSONValue.string)),
                "tags": .array(audience.tags.map(JSONValue.string)),
                "areas": .array(audience.areas.map(JSONValue.string)),
            ]),
            "msg_type": .string(messageType.rawValue),
            "references": .array(references.map(JSONValue.string)),
            "status": .string(status.rawValue),
            "level": .string(level.rawValue),
            "repeat": .integer(Int64(repeatCount)),
            "interval_s": .integer(Int64(intervalSeconds)),
            "content": .object(contentMembers),
        ]
        if let source {
            members["cap"] = .object([
                "sender": .string(source.sender), "identifier": .string(source.identifier),
                "sent": .string(source.sent), "sha256": .string(source.sha256),
            ])
        }
        return JSONWriter.bytes(of: .object(members))
    }

    /// An instant as the payload writes it: `2026-11-23T08:00:00Z`.
    public static func timeText(_ date: Date) -> String {
        Date.ISO8601FormatStyle().format(date)
    }

    /// Reads payload bytes strictly: every key present, none unknown, none twice, every value in range.
    public init(parsing bytes: [UInt8]) throws(EnvelopeFormatError) {
        var object = try StrictObject(parsing: bytes, context: "the payload")
        version = try object.integer("version", in: 0...Int64(Int32.max))
        guard version == Self.currentVersion else {
            throw object.invalid("version", "is \(version); this site reads version \(Self.currentVersion)")
        }
        issuer = try Self.name("issuer", in: &object)
        id = try Self.name("id", in: &object)
        sent = try Self.time("sent", in: &object)
        expires = try Self.time("expires", in: &object)
        guard expires > sent else { throw object.invalid("expires", "is not after 'sent'") }
        audience = try Self.audience(in: &object)
        messageType = try object.choice("msg_type", as: AlertMessageType.self)
        references = try object.strings("references")
        status = try object.choice("status", as: BroadcastStatus.self)
        level = try object.choice("level", as: Site.AlertLevel.self)
        repeatCount = try object.integer("repeat", in: 1...100)
        intervalSeconds = try object.integer("interval_s", in: 0...86_400)
        content = try Self.content(in: &object)
        source = try Self.source(in: &object)
        try object.finish()
        try checkReferences(object)
        if messageType != .cancel, !content.airsAnything {
            throw object.invalid("content", "airs nothing: give media, text or the tone")
        }
    }

    private func checkReferences(_ object: StrictObject) throws(EnvelopeFormatError) {
        switch messageType {
        case .alert:
            guard references.isEmpty else { throw object.invalid("references", "must be empty for an alert") }
        case .update, .cancel:
            guard !references.isEmpty else {
                throw object.invalid("references", "must name the alert an \(messageType) acts on")
            }
        }
        guard references.count <= Self.maximumReferences else {
            throw object.invalid("references", "holds more than \(Self.maximumReferences) ids")
        }
        guard Set(references).count == references.count else {
            throw object.invalid("references", "names the same id twice")
        }
        guard !references.contains(id) else { throw object.invalid("references", "names the message itself") }
        guard references.allSatisfy(Self.isName) else {
            throw object.invalid("references", "holds an empty, control-character or over-long id")
        }
    }

    private static func name(_ key: String, in object: inout StrictObject) throws(EnvelopeFormatError) -> String {
        let text = try object.string(key)
        guard isName(text) else {
            throw object.invalid(key, "must be 1 to \(maximumNameLength) bytes without control characters")
        }
        return text
    }

    /// Whether `text` may be an issuer or an id.
    static func isName(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.count <= maximumNameLength && !text.unicodeScalars.contains {
            $0.properties.generalCategory == .control
        }
    }

    private static func time(_ key: String, in object: inout StrictObject) throws(EnvelopeFormatError) -> Date {
        let text = try object.string(key)
        guard let date = RFC3339.parse(text) else { throw object.invalid(key, "is not an RFC 3339 time: '\(text)'") }
        return date
    }

    private static func audience(in object: inout StrictObject) throws(EnvelopeFormatError) -> AlertAudience {
        var members = try object.object("audience")
        let audience = AlertAudience(
            sites: try members.strings("sites"), tags: try members.strings("tags"), areas: try members.strings("areas")
        )
        try members.finish()
        guard !audience.isEmpty else { throw object.invalid("audience", "names no site, tag or area") }
        for entry in audience.sites + audience.tags + audience.areas where !isName(entry) {
            throw object.invalid("audience", "holds an empty, control-character or over-long entry")
        }
        return audience
    }

    private static func source(in object: inout StrictObject) throws(EnvelopeFormatError) -> AlertSource? {
        guard object.optional("cap") != nil else { return nil }
        var members = try object.object("cap")
        let source = AlertSource(sender: try members.string("sender"), identifier: try members.string("identifier"),
                                 sent: try members.string("sent"), sha256: try members.string("sha256"))
        try members.finish()
        for (key, value) in [("sender", source.sender), ("identifier", source.identifier), ("sent", source.sent)]
        where !AlertSource.isField(value) {
            throw members.invalid(key, "must be 1 to \(AlertSource.maximumFieldLength) bytes without control "
                                  + "characters")
        }
        guard AlertContent.isSHA256(source.sha256) else {
            throw members.invalid("sha256", "must be a SHA-256: 64 lowercase hex digits")
        }
        return source
    }

    private static func content(in object: inout StrictObject) throws(EnvelopeFormatError) -> AlertContent {
        var members = try object.object("content")
        let content = AlertContent(
            tone: try members.bool("tone"), media: try members.optionalString("media"),
            text: try members.optionalString("text"),
            stream: members.optional("stream") == nil ? nil : try members.strings("stream"),
            durationSeconds: members.optional("duration_s") == nil ? nil
                : try members.integer("duration_s", in: 1...Int64(AlertContent.longestStreamSeconds))
        )
        try members.finish()
        if let stream = content.stream {
            guard (1...8).contains(stream.count), stream.allSatisfy(AlertContent.isStreamURL) else {
                throw members.invalid("stream", "must be 1 to 8 http:// or https:// URLs with a host")
            }
            guard content.media == nil, content.text == nil else {
                throw members.invalid("stream", "cannot be given with 'media' or 'text': give one")
            }
        }
        if (content.stream == nil) != (content.durationSeconds == nil) {
            throw members.invalid("duration_s", "goes with 'stream', and a stream needs it")
        }
        if let media = content.media, !AlertContent.isSHA256(media) {
            throw members.invalid("media", "must be a SHA-256: 64 lowercase hex digits")
        }
        if let text = content.text, text.isEmpty || text.count > AlertContent.maximumTextLength {
            throw members.invalid("text", "must be 1 to \(AlertContent.maximumTextLength) characters")
        }
        if content.media != nil, content.text != nil {
            throw members.invalid("text", "cannot be given with 'media': give one")
        }
        return content
    }
}
