import Testing

@testable import ControlProtocol

@Suite("Varlink calls and replies")
struct VarlinkMessageTests {
    private func call(_ text: String) throws(VarlinkProtocolError) -> VarlinkCall {
        try VarlinkCall(decoding: Array(text.utf8))
    }

    @Test("decodes a call with every field")
    func fullCall() throws {
        let decoded = try call(
            #"{"method": "io.communecast.Site.Monitor", "parameters": {"n": 1234567890123}, "more": true, "#
                + #""oneway": false, "upgrade": true}"#
        )
        #expect(decoded == VarlinkCall(
            method: "io.communecast.Site.Monitor", parameters: ["n": .integer(1_234_567_890_123)],
            more: true, upgrade: true
        ))
        #expect(decoded.interface == "io.communecast.Site")
        #expect(decoded.memberName == "Monitor")
    }

    @Test("treats absent or null parameters and flags as empty and false")
    func minimalCall() throws {
        #expect(try call(#"{"method":"a.b.C"}"#) == VarlinkCall(method: "a.b.C"))
        #expect(try call(#"{"method":"a.b.C","parameters":null,"more":null}"#) == VarlinkCall(method: "a.b.C"))
    }

    @Test("encodes a call with the method first and sorted parameters")
    func encodeCall() throws {
        let original = VarlinkCall(
            method: "io.communecast.Site.Play", parameters: ["media": "bản-tin", "level": "priority"],
            more: true, oneway: true, upgrade: true
        )
        let text = String(decoding: original.encoded(), as: UTF8.self)
        #expect(text == #"{"method":"io.communecast.Site.Play","parameters":{"level":"priority","media":"bản-tin"},"#
            + #""more":true,"oneway":true,"upgrade":true}"#)
        #expect(try VarlinkCall(decoding: original.encoded()) == original)
    }

    @Test("closes the connection on messages that are not varlink calls", arguments: [
        ([0x7B, 0x22, 0xFF, 0x22, 0x3A, 0x31, 0x7D], VarlinkProtocolError.invalidUTF8(offset: 1)),
        (Array(#"{"method":"a.B""#.utf8), .invalidJSON(.unexpectedEnd)),
        (Array("[1]".utf8), .notAnObject(kind: "array")),
        (Array(#""io.communecast.Site.GetHealth""#.utf8), .notAnObject(kind: "string")),
        (Array(#"{"parameters":{}}"#.utf8), .missingMethod),
        (Array(#"{"method":7}"#.utf8), .invalidMember(name: "method", kind: "int")),
        (Array(#"{"method":null}"#.utf8), .invalidMember(name: "method", kind: "null")),
        (Array(#"{"method":"a.B","more":"yes"}"#.utf8), .invalidMember(name: "more", kind: "string")),
        (Array(#"{"method":"a.B","oneway":1}"#.utf8), .invalidMember(name: "oneway", kind: "int")),
        (Array(#"{"method":"a.B","upgrade":[]}"#.utf8), .invalidMember(name: "upgrade", kind: "array")),
        (Array(#"{"method":"a.B","method":"a.C"}"#.utf8), .invalidJSON(.duplicateKey("method", offset: 16))),
    ])
    func closesOnGarbage(bytes: [UInt8], expected: VarlinkProtocolError) {
        #expect(throws: expected) { try VarlinkCall(decoding: bytes) }
        #expect(expected.disposition == .closeConnection)
    }

    @Test("answers malformed method names with MethodNotFound", arguments: ["Foo", "io.communecast.Site.", ".Foo",
        "io.communecast.Site.getHealth", "io..Site.GetHealth", "io.communecast.Site.Get-Health", ""])
    func badMethodName(method: String) throws {
        let error = #expect(throws: VarlinkProtocolError.self) {
            try call(#"{"method":"\#(method)"}"#)
        }
        #expect(error == .invalidMethodName(method))
        #expect(error?.disposition == .reply(.methodNotFound(method)))
    }

    @Test("answers non-object parameters with InvalidParameter", arguments: ["[]", "1", "\"x\"", "true"])
    func parametersNotObject(parameters: String) throws {
        let error = #expect(throws: VarlinkProtocolError.self) {
            try call(#"{"method":"a.b.C","parameters":\#(parameters)}"#)
        }
        #expect(error?.disposition == .reply(.invalidParameter("parameters")))
    }

    @Test("decodes replies with every field")
    func fullReply() throws {
        let reply = try VarlinkReply(decoding: Array(
            #"{"error":"io.communecast.Site.NotFound","parameters":{"what":"media","name":"x"},"continues":true}"#.utf8
        ))
        #expect(reply.continues)
        #expect(reply.varlinkError == .notFound(what: "media", name: "x"))
        let plain = try VarlinkReply(decoding: Array(#"{"parameters":{"volume_db":-6.5}}"#.utf8))
        #expect(plain == VarlinkReply(parameters: ["volume_db": -6.5]))
        #expect(plain.varlinkError == nil)
        #expect(try VarlinkReply(decoding: Array("{}".utf8)) == VarlinkReply())
    }

    @Test("refuses malformed replies", arguments: [
        #"{"parameters":[]}"#, #"{"error":5}"#, #"{"continues":"no"}"#, "null", "{",
    ])
    func badReplies(text: String) {
        #expect(throws: VarlinkProtocolError.self) { try VarlinkReply(decoding: Array(text.utf8)) }
    }

    @Test("encodes replies, errors and streamed parts")
    func encodeReplies() throws {
        let streamed = VarlinkReply(parameters: ["event": ["kind": "play_start"]], continues: true)
        #expect(String(decoding: streamed.encoded(), as: UTF8.self)
            == #"{"parameters":{"event":{"kind":"play_start"}},"continues":true}"#)
        let error = VarlinkReply(error: .tooLarge(limit: 16_777_216))
        #expect(String(decoding: error.encoded(), as: UTF8.self)
            == #"{"error":"io.communecast.Site.TooLarge","parameters":{"limit":16777216}}"#)
        #expect(try VarlinkReply(decoding: error.encoded()) == error)
    }

    @Test("decodes typed parameters and reports the faulty field")
    func typedParameters() throws {
        let play = VarlinkCall(method: Site.Play.name, parameters: ["media": "tin-sang", "on_preempt": "restart"])
        let parameters = try play.decodeParameters(for: Site.Play.self)
        #expect(parameters == Site.Play.Parameters(media: "tin-sang", onPreempt: .restart))

        let mistypedStream = VarlinkCall(method: Site.Play.name, parameters: ["stream": "http://a/x.opus"])
        #expect(throws: VarlinkError.invalidParameter("stream")) {
            try mistypedStream.decodeParameters(for: Site.Play.self)
        }
        let relay = VarlinkCall(method: Site.Play.name, parameters: ["stream": ["http://a/x.opus"], "duration_s": 600])
        #expect(try relay.decodeParameters(for: Site.Play.self)
                == Site.Play.Parameters(stream: ["http://a/x.opus"], durationS: 600))
        let mistyped = VarlinkCall(method: Site.Play.name, parameters: ["media": "x", "level": "emergency"])
        #expect(throws: VarlinkError.invalidParameter("level")) { try mistyped.decodeParameters(for: Site.Play.self) }
    }

    @Test("builds typed calls and replies that round-trip through the wire")
    func typedRoundTrip() throws {
        let push = Site.PushAlert.Parameters(id: "QN-2026-11", level: .emergency, repeat: 3, intervalS: 600)
        let call = try VarlinkCall(Site.PushAlert.self, push)
        #expect(call.parameters["interval_s"] == 600)
        #expect(call.parameters["media"] == nil)
        let decoded = try VarlinkCall(decoding: call.encoded())
        #expect(try decoded.decodeParameters(for: Site.PushAlert.self) == push)

        let reply = try VarlinkReply(Site.SetVolume.self, .init(volumeDb: -3))
        let received = try VarlinkReply(decoding: reply.encoded())
        #expect(try received.decodeParameters(for: Site.SetVolume.self) == .init(volumeDb: -3))

        let failure = VarlinkReply(error: .deviceUnavailable(reason: "hw:1 is gone"))
        #expect(throws: VarlinkReplyError.self) { try failure.decodeParameters(for: Site.SetVolume.self) }
    }
}
