import ControlProtocol

/// The payload of a signed command (issue 15, docs/call-home.md "Commands"): one varlink call, exactly as the Unix
/// socket or TLS would carry it, for one site or every site of a group, with an id that makes a replay visible.
/// It travels as a JWS envelope with one signature (``AlertEnvelope``), the signer's certificate deciding the role.
///
/// ```json
/// {"call":{"method":"io.communecast.Site.SetVolume","parameters":{"db":-6}},"id":"…","to":"xa-an-phu"}
/// ```
/// `to` is a site's name, or `group:ID` for every site of a group.
public struct SignedCommand: Sendable, Equatable {
    /// The varlink call.
    public var call: JSONValue
    /// The sender's id for this command, unique; a site refuses an id it has seen within the signature window.
    public var id: String
    /// The recipient: a site's name, or `group:ID`.
    public var to: String

    /// A command.
    public init(call: JSONValue, id: String, to: String) {
        self.call = call
        self.id = id
        self.to = to
    }

    /// The JSON text that is signed: compact, sorted keys.
    public var jsonBytes: [UInt8] {
        JSONWriter.bytes(of: .object(["call": call, "id": .string(id), "to": .string(to)]))
    }

    /// Reads a payload strictly: the three keys, none unknown, the call an object.
    public init(parsing bytes: [UInt8]) throws(EnvelopeFormatError) {
        var object = try StrictObject(parsing: bytes, context: "the command", maxDepth: 32)
        let call = try object.required("call")
        guard case .object = call else { throw object.wrongKind("call", "an object (a varlink call)") }
        self.call = call
        id = try object.string("id")
        guard !id.isEmpty, id.utf8.count <= 128 else { throw object.invalid("id", "must be 1 to 128 bytes") }
        to = try object.string("to")
        try object.finish()
    }
}
